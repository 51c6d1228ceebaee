package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for the sandbox, as a connector would call Square: bearer token and
 * {@code Square-Version}. Every JSON answer is checked against Square's OpenAPI document.
 */
final class SquareClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, headers and the JSON body (an empty object when there is none). */
    record Reply(int status, HttpHeaders headers, JsonNode body) {
        String error() {
            return body.path("errors").path(0).path("code").asText();
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    SquareClient(SquareSandbox sandbox, String token) {
        this.base = sandbox.baseUri();
        this.token = token;
    }

    Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Reply post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply send(String method, String pathAndQuery, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30)).header("Square-Version", "2025-08-20");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (!response.body().isEmpty()) {
                String path = URI.create(pathAndQuery).getPath();
                SquareApiSpec.get().assertValid(method, path, response.statusCode(), json);
            }
            return new Reply(response.statusCode(), response.headers(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
