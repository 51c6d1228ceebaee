package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.UrlEncoded;
import java.util.Map;

/**
 * One API request: its query parameters and, for POST, its JSON body.
 *
 * @param merchantId the merchant of the request's access token (null on the OAuth endpoints)
 */
record SandboxRequest(String method, String path, Map<String, String> query, JsonNode body, String merchantId) {

    /** The query parameters of a raw query string, the last value where a name repeats. */
    static Map<String, String> parseQuery(String raw) {
        return UrlEncoded.parseLast(raw);
    }

    String param(String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The body as an object, never null. */
    ObjectNode bodyObject() {
        return body instanceof ObjectNode o ? o : SquareJson.object();
    }

    /**
     * What the request asks besides its cursor: the same request for the next page must ask the same
     * (Square: "the same original request body/query plus the cursor").
     */
    String fingerprint() {
        if ("GET".equals(method)) {
            Map<String, String> rest = new java.util.TreeMap<>(query);
            rest.remove("cursor");
            return path + "?" + rest;
        }
        ObjectNode rest = bodyObject().deepCopy();
        rest.remove("cursor");
        return path + " " + SquareJson.canonical(rest);
    }

    /** An integer query parameter, or {@code fallback} when absent; not a number answers 400. */
    int intParam(String name, int fallback) {
        String value = param(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw SquareApiException.badRequest("INVALID_VALUE", "Expected an integer: " + name, name);
        }
    }
}
