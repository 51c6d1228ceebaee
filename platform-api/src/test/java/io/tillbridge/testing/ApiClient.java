package io.tillbridge.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.access.Caller;
import io.tillbridge.webhooks.WebhookSignatures;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Real HTTP calls to the embedded server of the context under test, as a seeded user with a freshly
 * minted access token (minted as the platform mints them), with a bearer token the test holds, or
 * with no credential. A bean of every context with an embedded server: a test injects it. Bodies
 * are JSON: a string is sent as it is, anything else is written as JSON.
 */
@Singleton
@Requires(beans = EmbeddedServer.class)
public final class ApiClient {

    /** How long one call may take before the test fails instead of hanging. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedServer server;
    private final AccessTokens tokens;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(EmbeddedServer server, AccessTokens tokens, JsonMapper json) {
        this.server = server;
        this.tokens = tokens;
        this.json = json;
    }

    /** A seeded user: enough to mint an access token. */
    public interface Account {
        UUID id();

        String email();
    }

    /** A response, with its body read as JSON on demand. */
    public record Response(int status, String body, HttpHeaders headers, JsonMapper mapper) {

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

        /** One member of the JSON object body. */
        public Object get(String key) {
            return json().get(key);
        }

        /** The items of a page; an empty page leaves them out of the JSON. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().getOrDefault("items", List.of());
        }

        /** The {@code type} of a problem ({@code application/problem+json}) body. */
        public String problemType() {
            return (String) json().get("type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Calls made with one credential (or none). */
    public final class As {

        private final String token;

        private As(String token) {
            this.token = token;
        }

        public Response get(String path) {
            return send("GET", path, null);
        }

        public Response post(String path, Object body, String... headers) {
            return send("POST", path, body, headers);
        }

        public Response put(String path, Object body, String... headers) {
            return send("PUT", path, body, headers);
        }

        public Response delete(String path, String... headers) {
            return send("DELETE", path, null, headers);
        }

        /** Sends a request; {@code headers} are name, value pairs. */
        public Response send(String method, String path, Object body, String... headers) {
            return call(token, method, path, body, headers);
        }
    }

    /** Calls as {@code user}, with a token minted for each call; null sends no credential. */
    public As as(Account user) {
        return new As(user == null ? null : token(user));
    }

    /** Calls with this bearer token; null sends no credential. */
    public As bearer(String token) {
        return new As(token);
    }

    /** A merchant's access token for {@code user}, as sign-in would issue it. */
    public String token(Account user) {
        return token(user.id(), user.email());
    }

    /** A merchant's access token for the user with this id and address. */
    public String token(UUID user, String email) {
        return tokens.forUser(user, email, Optional.empty()).token();
    }

    /** A staff access token for {@code user} with a platform role. */
    public String staffToken(Account user, Caller.PlatformRole role) {
        return tokens.forUser(user.id(), user.email(), Optional.of(role)).token();
    }

    public Response get(Account as, String path) {
        return send(as, "GET", path, null);
    }

    public Response delete(Account as, String path, String... headers) {
        return send(as, "DELETE", path, null, headers);
    }

    public Response post(Account as, String path, Object body, String... headers) {
        return send(as, "POST", path, body, headers);
    }

    public Response put(Account as, String path, Object body, String... headers) {
        return send(as, "PUT", path, body, headers);
    }

    /**
     * Sends a request; {@code body} is a JSON string or an object written as JSON; {@code headers}
     * are name, value pairs. {@code as} null sends no credential.
     */
    public Response send(Account as, String method, String path, Object body, String... headers) {
        return as(as).send(method, path, body, headers);
    }

    /**
     * Delivers an event to an inbound webhook endpoint as a sender does (no credential), signed with
     * the endpoint's {@code secret} (Standard Webhooks headers).
     */
    public Response deliver(String endpointId, String secret, String eventId, long timestamp, String body) {
        String signature = WebhookSignatures.sign(secret, eventId, timestamp, body.getBytes(StandardCharsets.UTF_8));
        return deliver(endpointId, eventId, Long.toString(timestamp), signature, body);
    }

    /** Posts {@code body} to an inbound webhook endpoint with these headers; a null {@code eventId} sends none. */
    public Response deliver(String endpointId, String eventId, String timestamp, String signature, String body) {
        String path = "/api/v1/hooks/" + endpointId;
        return eventId == null ? bearer(null).post(path, body) : bearer(null).post(path, body, "webhook-id", eventId,
                "webhook-timestamp", timestamp, "webhook-signature", signature);
    }

    /** The server's address of {@code path}. */
    public URI uri(String path) {
        return server.getURI().resolve(path);
    }

    /** Sends a request the test built itself (for what the methods above do not cover). */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal of {@code text}, for request bodies. */
    public static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Response call(String token, String method, String path, Object body, String... headers) {
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(CALL_TIMEOUT)
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = send(builder.build());
        return new Response(response.statusCode(), response.body(), response.headers(), json);
    }
}
