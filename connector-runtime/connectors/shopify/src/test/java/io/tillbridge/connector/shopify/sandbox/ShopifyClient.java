package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A test's HTTP client for the sandbox: sends the access token, reads JSON. */
final class ShopifyClient {

    static final String VERSION = "2025-07";
    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI shopUri;
    private final String token;

    ShopifyClient(URI shopUri, String token) {
        this.shopUri = shopUri;
        this.token = token;
    }

    /** {@code GET /admin/api/{version}/{pathAndQuery}} ({@code orders.json?status=any}). */
    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(api(pathAndQuery)).GET());
    }

    /** A GET of an absolute URL, as from a {@code Link} header. */
    Answer getUrl(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Answer post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer put(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer graphql(String query, Map<String, Object> variables) {
        return post("graphql.json", Map.of("query", query, "variables", variables));
    }

    Answer graphql(String query) {
        return graphql(query, Map.of());
    }

    URI api(String pathAndQuery) {
        return URI.create(shopUri + "/admin/api/" + VERSION + "/" + pathAndQuery);
    }

    Answer send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("X-Shopify-Access-Token", token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The URL of {@code rel} in a {@code Link} header, or null. */
    static String link(String header, String rel) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(",\\s*")) {
            if (part.endsWith("rel=\"" + rel + "\"")) {
                return part.substring(part.indexOf('<') + 1, part.indexOf('>'));
            }
        }
        return null;
    }
}
