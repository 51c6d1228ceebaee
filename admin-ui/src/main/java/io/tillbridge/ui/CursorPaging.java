package io.tillbridge.ui;

import io.tillbridge.paging.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Serves a lazy grid from a service that pages with cursors: the grid asks for rows by offset, this
 * walks the service's pages of a fixed size and remembers each page's cursor, so that scrolling on
 * reads only the next page and nothing loads everything at once. One instance per grid and filter.
 *
 * @param <T> the row type
 */
public final class CursorPaging<T> {

    /** One page of the service: the rows after {@code cursor} (empty for the first page). */
    @FunctionalInterface
    public interface Pages<T> {
        Page<T> fetch(Optional<String> cursor, int limit);
    }

    private final Pages<T> pages;
    private final int pageSize;
    /** The cursor of page i at index i; null at index 0. */
    private final List<String> cursors = new ArrayList<>();
    private boolean ended;

    public CursorPaging(Pages<T> pages, int pageSize) {
        this.pages = pages;
        this.pageSize = pageSize;
        cursors.add(null);
    }

    /** The rows from {@code offset}, at most {@code limit} of them (a grid's query). */
    public Stream<T> rows(int offset, int limit) {
        List<T> rows = new ArrayList<>();
        int first = offset / pageSize;
        int last = (offset + limit - 1) / pageSize;
        for (int index = first; index <= last; index++) {
            Optional<Page<T>> page = page(index);
            if (page.isEmpty()) {
                break;
            }
            List<T> items = page.get().items();
            int from = index == first ? offset - index * pageSize : 0;
            for (int i = from; i < items.size() && rows.size() < limit; i++) {
                rows.add(items.get(i));
            }
            if (page.get().nextCursor() == null) {
                break;
            }
        }
        return rows.stream();
    }

    private Optional<Page<T>> page(int index) {
        while (cursors.size() <= index) {
            if (ended) {
                return Optional.empty();
            }
            // Walk forward to learn the cursor of the page asked for.
            Page<T> before = pages.fetch(Optional.ofNullable(cursors.get(cursors.size() - 1)), pageSize);
            remember(cursors.size() - 1, before);
        }
        if (index > 0 && cursors.get(index) == null) {
            return Optional.empty();
        }
        Page<T> page = pages.fetch(Optional.ofNullable(cursors.get(index)), pageSize);
        remember(index, page);
        return Optional.of(page);
    }

    private void remember(int index, Page<T> page) {
        if (page.nextCursor() == null) {
            ended = true;
        } else if (cursors.size() == index + 1) {
            cursors.add(page.nextCursor());
        }
    }
}
