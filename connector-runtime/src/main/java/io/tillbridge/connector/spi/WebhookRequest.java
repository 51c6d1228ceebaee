package io.tillbridge.connector.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One webhook delivery as received: the URL it was sent to, its headers and its raw body.
 *
 * @param url the full URL the vendor called, as the subscription names it (some vendors sign it
 *     along with the body)
 * @param headers header values by name; names are compared case-insensitively
 * @param body the raw bytes, exactly as received
 */
public record WebhookRequest(String url, Map<String, List<String>> headers, byte[] body) {

    public WebhookRequest {
        Objects.requireNonNull(url, "url");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
