package io.tillbridge.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a list. {@code nextCursor} is opaque; pass it back as {@code cursor} to get the next
 * page. It is absent on the last page.
 */
@Serdeable
public record Page<T>(@JsonInclude(JsonInclude.Include.ALWAYS) List<T> items,
        @Schema(description = "Opaque cursor of the next page; absent on the last page") String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * Builds a page from up to {@code limit + 1} fetched rows: the extra row only says that there is
     * more, and the cursor is made from the last row returned.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, java.util.function.Function<T, Cursor> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(items.size() - 1)).encode());
    }

    /** The page size asked for, checked: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new io.tillbridge.problems.ProblemException(io.tillbridge.problems.ProblemType.BAD_REQUEST,
                    "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return requested;
    }
}
