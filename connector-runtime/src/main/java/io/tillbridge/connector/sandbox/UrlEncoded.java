package io.tillbridge.connector.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code application/x-www-form-urlencoded} text: a raw query string or a form body.
 * {@code +} is a space and {@code %XX} a byte of UTF-8; a pair without {@code =} has the empty
 * value; empty pairs ({@code a=1&&b=2}) are passed over. A malformed escape throws
 * {@link IllegalArgumentException}.
 */
public final class UrlEncoded {

    private UrlEncoded() {
    }

    /** Every value of every name, in the order they came; null or empty text gives an empty map. */
    public static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /** One value per name, the last where a name repeats, for APIs that do not repeat parameters. */
    public static Map<String, String> parseLast(String raw) {
        Map<String, String> last = new LinkedHashMap<>();
        parse(raw).forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
        return last;
    }
}
