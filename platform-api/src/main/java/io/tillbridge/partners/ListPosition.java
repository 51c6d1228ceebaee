package io.tillbridge.partners;

import io.tillbridge.paging.Cursor;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of a list ordered by time then id ends: the time and id of its last item. The
 * pages of partners, keys and grants are ordered this way, so that new items never shift them.
 */
public record ListPosition(Instant at, UUID id) {

    /** The position a client's cursor names; none for the first page; 400 for a forged cursor. */
    public static Optional<ListPosition> from(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        Cursor decoded = Cursor.decode(cursor, 2);
        try {
            return Optional.of(new ListPosition(Instant.parse(decoded.get(0)), UUID.fromString(decoded.get(1))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }

    public Cursor cursor() {
        return Cursor.of(at, id);
    }
}
