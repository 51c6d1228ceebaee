package io.tillbridge.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.access.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real HTTP calls against the embedded server, with tokens minted as the platform mints them. */
public final class TestApi {

    private final URI base;
    private final JsonMapper json;
    private final AccessTokens tokens;
    private final HttpClient http = HttpClient.newHttpClient();

    public TestApi(URI base, JsonMapper json, AccessTokens tokens) {
        this.base = base;
        this.json = json;
        this.tokens = tokens;
    }

    /** A response: status, headers and body, with the body parsed as a JSON object when it is one. */
    public record Reply(int status, String body, Map<String, Object> json, HttpResponse<String> raw) {

        public Object get(String key) {
            return json == null ? null : json.get(key);
        }

        /** A page's items; the API leaves the member out when the page is empty. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json.getOrDefault("items", List.of());
        }

        public String problemType() {
            return json == null ? null : (String) json.get("type");
        }
    }

    public String merchantToken(TestFixtures.User user) {
        return tokens.forUser(user.id(), user.email(), Optional.empty()).token();
    }

    public String staffToken(TestFixtures.User user, Caller.PlatformRole role) {
        return tokens.forUser(user.id(), user.email(), Optional.of(role)).token();
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Reply post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    public Reply send(String method, String path, String token, String body) {
        return send(method, path, token, body, Map.of());
    }

    public Reply send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> parsed = null;
            String text = response.body();
            if (text != null && text.trim().startsWith("{")) {
                parsed = json.readValue(text, Argument.mapOf(String.class, Object.class));
            }
            return new Reply(response.statusCode(), text, parsed, response);
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
}
