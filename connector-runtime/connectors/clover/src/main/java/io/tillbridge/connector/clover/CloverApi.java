package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.MalformedResponseException;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clover's REST API v3 as the connector calls it: {@code /v3/merchants/{mId}/...} with bearer auth,
 * repeatable query parameters ({@code filter} is given once per condition), lists as
 * {@code {"elements": [...]}}, and Clover's error body ({@code {"message": "..."}}) read into
 * messages. Retries, the rate-limit gate and the egress policy are the {@link JsonHttpClient}'s.
 */
final class CloverApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One query parameter; a name may repeat. */
    record Param(String name, String value) {
    }

    private final URI base;
    private final String merchantId;
    private final JsonHttpClient client;
    private final RequestAuth auth;

    CloverApi(URI base, String merchantId, JsonHttpClient client, RequestAuth auth) {
        this.base = base;
        this.merchantId = merchantId;
        this.client = client;
        this.auth = auth;
    }

    String merchantId() {
        return merchantId;
    }

    /** GET {@code /v3/merchants/{mId}<path>} with these parameters. */
    JsonNode get(String path, List<Param> query) {
        return client.get(uri(path, query), Map.of(), auth, JsonHttpClient.Response::body);
    }

    /** POST a JSON body to {@code /v3/merchants/{mId}<path>}; only what is safe to repeat (it is retried). */
    JsonNode post(String path, JsonNode body) {
        return client.post(uri(path, List.of()), body, Map.of(), auth, JsonHttpClient.Response::body);
    }

    /** The {@code elements} of a list answer; an answer without them is malformed (and retried). */
    List<JsonNode> list(String path, List<Param> query) {
        return client.get(uri(path, query), Map.of(), auth, response -> {
            JsonNode elements = response.body().path("elements");
            if (!elements.isArray()) {
                throw new MalformedResponseException("a Clover list without elements");
            }
            List<JsonNode> out = new ArrayList<>();
            elements.forEach(out::add);
            return out;
        });
    }

    private URI uri(String path, List<Param> query) {
        StringBuilder text = new StringBuilder(base.resolve("/v3/merchants/"
                + URLEncoder.encode(merchantId, StandardCharsets.UTF_8) + path).toString());
        char sep = '?';
        for (Param p : query) {
            text.append(sep).append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.value(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return URI.create(text.toString());
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
     * Clover's OAuth v2 refresh ({@code POST /oauth/v2/refresh} on the API host, a JSON body of
     * {@code client_id} and {@code refresh_token}): a new access token and a new refresh token; the
     * one used is spent, so the store must keep the new one.
     */
    static OAuthTokenStore.TokenExchange refresh(URI base, JsonHttpClient client, String clientId) {
        return refreshToken -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("client_id", clientId);
            body.put("refresh_token", refreshToken);
            return tokens(client.post(base.resolve("/oauth/v2/refresh"), body, Map.of(),
                    RequestAuth.NONE, JsonHttpClient.Response::body), refreshToken);
        };
    }

    /** {@code POST /oauth/v2/token} with the code the merchant's approval sent to the redirect. */
    static OAuthTokens exchangeCode(URI base, JsonHttpClient client, String clientId, String clientSecret,
            String code) {
        ObjectNode body = JSON.createObjectNode();
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret);
        body.put("code", code);
        return tokens(client.post(base.resolve("/oauth/v2/token"), body, Map.of(), RequestAuth.NONE,
                JsonHttpClient.Response::body), null);
    }

    /** {@code {access_token, access_token_expiration (epoch seconds), refresh_token, ...}}. */
    private static OAuthTokens tokens(JsonNode answer, String previousRefresh) {
        String access = answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new MalformedResponseException("Clover's token answer has no access_token");
        }
        String refresh = answer.path("refresh_token").asText("");
        long expires = answer.path("access_token_expiration").asLong(0);
        return new OAuthTokens(access, refresh.isEmpty() ? previousRefresh : refresh,
                expires > 0 ? Instant.ofEpochSecond(expires) : null);
    }

    /** Clover's error body as a sentence: its {@code message}, clipped; empty when there is none. */
    static String describe(JsonNode body) {
        if (body == null || !body.hasNonNull("message")) {
            return "";
        }
        String message = body.path("message").asText();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
