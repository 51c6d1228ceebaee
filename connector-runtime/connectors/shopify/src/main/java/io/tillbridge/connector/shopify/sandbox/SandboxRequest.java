package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * One API request after the shop prefix was taken off.
 *
 * @param shop the shop the request is for
 * @param resource the path after {@code /admin/api/{version}/}, without {@code .json} ({@code orders/12/transactions})
 * @param linkBase the absolute URL of the resource, for {@code Link} headers
 * @param grant the access token's grant (null on the OAuth endpoints)
 */
record SandboxRequest(String method, ShopData shop, String resource, Map<String, String> query, JsonNode body,
        String linkBase, TokenGrant grant) {

    String param(String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    ObjectNode bodyObject() {
        return body instanceof ObjectNode o ? o : ShopifyJson.object();
    }

    long longParam(String name, long fallback) {
        String value = param(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ShopifyApiException.badRequest(name + " is not a number: " + value);
        }
    }

    Instant timeParam(String name) {
        String value = param(name);
        if (value == null) {
            return null;
        }
        Instant at = ShopifyJson.parseTime(value);
        if (at == null) {
            throw ShopifyApiException.badRequest(name + " is not an ISO 8601 time: " + value);
        }
        return at;
    }
}
