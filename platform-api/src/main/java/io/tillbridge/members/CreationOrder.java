package io.tillbridge.members;

import io.tillbridge.paging.Cursor;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/** Cursors of lists ordered by creation time, then id: the position after one item. */
final class CreationOrder {

    private CreationOrder() {
    }

    static Cursor after(Instant createdAt, UUID id) {
        return Cursor.of(createdAt, id);
    }

    /** The position a client's cursor names; 400 when it is not one this API issued. */
    static Optional<Cursor> decode(Optional<String> text) {
        return text.map(t -> {
            Cursor cursor = Cursor.decode(t, 2);
            try {
                Instant.parse(cursor.get(0));
                UUID.fromString(cursor.get(1));
                return cursor;
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new ProblemException(ProblemType.BAD_REQUEST,
                        "The cursor is not one this API issued: pass back nextCursor unchanged.");
            }
        });
    }
}
