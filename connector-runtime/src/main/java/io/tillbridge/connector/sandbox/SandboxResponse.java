package io.tillbridge.connector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a sandbox endpoint answers: a status, a JSON body (null for none) and extra headers.
 *
 * @param headers headers besides {@code Content-Type}, in the order they are added
 */
public record SandboxResponse(int status, JsonNode body, Map<String, String> headers) {

    public SandboxResponse {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** 200 with this body. */
    public static SandboxResponse ok(JsonNode body) {
        return new SandboxResponse(200, body, Map.of());
    }

    /** A response with this status and body and no extra headers. */
    public static SandboxResponse of(int status, JsonNode body) {
        return new SandboxResponse(status, body, Map.of());
    }

    /** 302 to {@code location}, without a body. */
    public static SandboxResponse redirect(String location) {
        return new SandboxResponse(302, null, Map.of("Location", location));
    }

    /** This response with one more header; itself when {@code value} is null. */
    public SandboxResponse withHeader(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SandboxResponse(status, body, more);
    }

    /**
     * Sends this response on {@code exchange}: the headers, {@code Content-Type: contentType} when
     * there is a body, and the body as {@code encoder} writes it; no body at all (not even a length)
     * when the body is null or encodes to nothing.
     */
    public void send(HttpExchange exchange, String contentType, Function<JsonNode, byte[]> encoder) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = body == null ? new byte[0] : encoder.apply(body);
        if (body != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
