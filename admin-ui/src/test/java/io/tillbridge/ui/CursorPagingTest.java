package io.tillbridge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.paging.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CursorPagingTest {

    private static final List<Integer> ROWS = IntStream.range(0, 237).boxed().toList();
    private final List<Optional<String>> asked = new ArrayList<>();

    /** A service paging ROWS with the next row's index as cursor. */
    private Page<Integer> service(Optional<String> cursor, int limit) {
        asked.add(cursor);
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(ROWS.size(), from + limit);
        return new Page<>(ROWS.subList(from, to), to < ROWS.size() ? Integer.toString(to) : null);
    }

    @Test
    void rows_come_in_order_across_page_boundaries_and_stop_at_the_end() {
        CursorPaging<Integer> paging = new CursorPaging<>(this::service, 50);

        assertThat(paging.rows(0, 100).toList()).isEqualTo(ROWS.subList(0, 100));
        assertThat(paging.rows(120, 60).toList()).isEqualTo(ROWS.subList(120, 180));
        assertThat(paging.rows(230, 50).toList()).isEqualTo(ROWS.subList(230, 237));
        assertThat(paging.rows(300, 10).toList()).isEmpty();
    }

    @Test
    void the_first_rows_read_only_the_first_page() {
        CursorPaging<Integer> paging = new CursorPaging<>(this::service, 50);

        assertThat(paging.rows(0, 40).toList()).hasSize(40);

        assertThat(asked).containsExactly(Optional.empty());
    }

    @Test
    void a_jump_ahead_walks_the_pages_between_once() {
        CursorPaging<Integer> paging = new CursorPaging<>(this::service, 50);

        assertThat(paging.rows(150, 10).toList()).isEqualTo(ROWS.subList(150, 160));
        asked.clear();
        assertThat(paging.rows(100, 10).toList()).isEqualTo(ROWS.subList(100, 110));

        assertThat(asked).containsExactly(Optional.of("100"));
    }
}
