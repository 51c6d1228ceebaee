package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What an endpoint answers: a status, a JSON body (or none) and extra headers. */
record SandboxResponse(int status, JsonNode body, Map<String, String> headers) {

    static SandboxResponse ok(JsonNode body) {
        return new SandboxResponse(200, body, Map.of());
    }
}
