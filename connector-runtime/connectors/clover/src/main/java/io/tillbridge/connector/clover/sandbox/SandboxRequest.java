package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One API request. Query parameters may repeat (Clover's {@code filter} does); the sandbox reads
 * them with {@link io.tillbridge.connector.sandbox.UrlEncoded#parse(String)}.
 *
 * @param path the path below {@code /v3/merchants/{mId}}, e.g. {@code /orders}; empty for the merchant
 * @param body the JSON body of a POST, else null
 * @param merchant the merchant of the path, which the access token is allowed to read
 * @param base the sandbox's base URI, for {@code href}s
 */
record SandboxRequest(String method, String path, Map<String, List<String>> query, JsonNode body,
                      MerchantData merchant, String base) {

    /** The first value of a parameter, or null when absent or empty. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** An integer query parameter, or {@code fallback} when absent; not a number answers 400. */
    int intParam(String name, int fallback) {
        String value = param(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw CloverApiException.badRequest("Invalid value for " + name + ": " + value);
        }
    }
}
