package io.tillbridge.paging;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

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
}
