package io.tillbridge.paging;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in a list ordered by a stable key (for example created time and id): the key values
 * of the last item seen. Encoded as URL-safe base64 so that clients treat it as opaque.
 */
public record Cursor(List<String> values) {

    private static final String SEPARATOR = "\u001f";

    public Cursor {
        values = List.copyOf(values);
    }

    public static Cursor of(Object... values) {
        return new Cursor(Arrays.stream(values).map(String::valueOf).toList());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, values).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor that this API issued; a malformed one answers 400. */
    public static Cursor decode(String text, int expectedValues) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            List<String> values = List.of(decoded.split(SEPARATOR, -1));
            if (values.size() != expectedValues) {
                throw new IllegalArgumentException("wrong number of values");
            }
            return new Cursor(values);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }

    public String get(int index) {
        return values.get(index);
    }

    /** The most common position: a time and an id (lists newest or oldest first, ties broken by id). */
    public record TimeAndId(Instant at, UUID id) {
    }

    /** Decodes a cursor of {@link #of(Object...) of(time, id)}; empty for none, 400 for a malformed one. */
    public static Optional<TimeAndId> timeAndId(Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        Cursor decoded = decode(cursor.get(), 2);
        try {
            return Optional.of(new TimeAndId(Instant.parse(decoded.get(0)), UUID.fromString(decoded.get(1))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }
}
