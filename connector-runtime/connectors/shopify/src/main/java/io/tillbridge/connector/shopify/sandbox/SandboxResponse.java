package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * An answer: status, JSON body (null for none), the {@code Link} header of a page and the
 * {@code Location} of a redirect (null when none).
 */
record SandboxResponse(int status, JsonNode body, String link, URI location) {

    static SandboxResponse ok(JsonNode body) {
        return new SandboxResponse(200, body, null, null);
    }

    static SandboxResponse ok(JsonNode body, String link) {
        return new SandboxResponse(200, body, link, null);
    }

    static SandboxResponse redirect(URI location) {
        return new SandboxResponse(302, null, null, location);
    }
}
