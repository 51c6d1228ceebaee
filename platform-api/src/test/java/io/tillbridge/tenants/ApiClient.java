package io.tillbridge.tenants;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.AccessTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real HTTP calls to the embedded server, as a seeded user with a freshly minted access token. */
public final class ApiClient {

    private final EmbeddedServer server;
    private final AccessTokens tokens;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(EmbeddedServer server, AccessTokens tokens, JsonMapper json) {
        this.server = server;
        this.tokens = tokens;
        this.json = json;
    }

    /** A response with its body read as JSON on demand. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers, JsonMapper mapper) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The items of a page; an empty page leaves them out of the JSON. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().getOrDefault("items", List.of());
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(TenantFixture.User as, String path) {
        return send(as, "GET", path, null);
    }

    public Response delete(TenantFixture.User as, String path, String... headers) {
        return send(as, "DELETE", path, null, headers);
    }

    public Response post(TenantFixture.User as, String path, Object body, String... headers) {
        return send(as, "POST", path, body, headers);
    }

    public Response put(TenantFixture.User as, String path, Object body, String... headers) {
        return send(as, "PUT", path, body, headers);
    }

    /**
     * Sends a request; {@code body} is a JSON string or an object written as JSON; {@code headers}
     * are name, value pairs. {@code as} null sends no credential.
     */
    public Response send(TenantFixture.User as, String method, String path, Object body, String... headers) {
        try {
            String text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                builder.header("Content-Type", "application/json");
            }
            if (as != null) {
                builder.header("Authorization", "Bearer " + tokens.forUser(as.id(), as.email(), Optional.empty()).token());
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
