package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.UriQuery;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Square's API as the connector calls it: bearer auth, the {@code Square-Version} header, JSON
 * bodies, and Square's error envelope read into messages ({@code errors[]} of
 * {@code category}, {@code code}, {@code detail}, {@code field}). Retries, the rate-limit gate and
 * the egress policy are the {@link JsonHttpClient}'s.
 */
final class SquareApi {

    /** The API version the connector is written against (vendor-apis.md, section 1). */
    static final String VERSION = "2025-08-20";

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final JsonHttpClient client;
    private final RequestAuth auth;

    SquareApi(URI base, JsonHttpClient client, RequestAuth auth) {
        this.base = base;
        this.client = client;
        this.auth = auth;
    }

    JsonNode get(String path, Map<String, String> query) {
        URI uri = base.resolve(path);
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getValue() != null) {
                uri = UriQuery.with(uri, e.getKey(), e.getValue());
            }
        }
        return client.get(uri, headers(), auth, JsonHttpClient.Response::body);
    }

    JsonNode post(String path, JsonNode body) {
        return client.post(base.resolve(path), body, headers(), auth, JsonHttpClient.Response::body);
    }

    JsonNode delete(String path) {
        return client.delete(base.resolve(path), headers(), auth, JsonHttpClient.Response::body);
    }

    private static Map<String, String> headers() {
        return Map.of("Square-Version", VERSION);
    }

    /** A fixed access token: a 401 is final. */
    static RequestAuth bearer(String token) {
        return new RequestAuth() {
            @Override
            public Map<String, String> headers() {
                return Map.of("Authorization", "Bearer " + token);
            }

            @Override
            public boolean renew() {
                return false;
            }
        };
    }

    /**
     * Square's refresh grant ({@code POST /oauth2/token}, ObtainToken): a JSON body with the client
     * id and secret, not RFC 6749's form and Basic auth. The code flow's refresh token comes back
     * unchanged; a PKCE one is replaced (the store keeps whichever it gets).
     */
    static OAuthTokenStore.TokenExchange tokenExchange(URI base, JsonHttpClient client, String clientId,
            String clientSecret) {
        return refreshToken -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("client_id", clientId);
            body.put("client_secret", clientSecret);
            body.put("grant_type", "refresh_token");
            body.put("refresh_token", refreshToken);
            JsonNode answer = client.post(base.resolve("/oauth2/token"), body, headers(), RequestAuth.NONE,
                    JsonHttpClient.Response::body);
            String refresh = answer.path("refresh_token").asText("");
            return new OAuthTokens(answer.path("access_token").asText(null), refresh.isEmpty() ? refreshToken : refresh,
                    instant(answer.path("expires_at").asText("")));
        };
    }

    /**
     * Square's code grant ({@code POST /oauth2/token}, ObtainToken with {@code authorization_code}):
     * the code is single-use and lives five minutes. A refused code or client answers 401, which
     * the client reports as AUTH.
     */
    static OAuthTokens codeExchange(URI base, JsonHttpClient client, String clientId, String clientSecret, String code,
            URI redirectUri) {
        ObjectNode body = JSON.createObjectNode();
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret);
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri.toString());
        JsonNode answer = client.post(base.resolve("/oauth2/token"), body, headers(), RequestAuth.NONE,
                JsonHttpClient.Response::body);
        String access = answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new io.tillbridge.connector.spi.ConnectorException(
                    io.tillbridge.connector.spi.ConnectorException.Category.AUTH, "Square answered no access token");
        }
        String refresh = answer.path("refresh_token").asText("");
        return new OAuthTokens(access, refresh.isEmpty() ? null : refresh, instant(answer.path("expires_at").asText("")));
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Square's error envelope as a sentence: {@code AUTHENTICATION_ERROR/ACCESS_TOKEN_EXPIRED: The
     * access token has expired.}, errors joined with {@code "; "}; empty when the body has none.
     */
    static String describe(JsonNode body) {
        if (body == null || !body.path("errors").isArray()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            StringBuilder part = new StringBuilder();
            part.append(error.path("category").asText("?")).append('/').append(error.path("code").asText("?"));
            if (error.hasNonNull("detail")) {
                part.append(": ").append(clip(error.path("detail").asText()));
            }
            if (error.hasNonNull("field")) {
                part.append(" (field ").append(clip(error.path("field").asText())).append(')');
            }
            parts.add(part.toString());
            if (parts.size() == 3) {
                break;
            }
        }
        return String.join("; ", parts);
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
