package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.SandboxResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Clover's OAuth 2 (v2 endpoints), with expiring access tokens and rotating refresh tokens:
 * <ul>
 *   <li>{@code GET /oauth/v2/authorize?client_id&redirect_uri&state[&merchant_id]}: the merchant
 *       approves at once; 302 to {@code redirect_uri?code=..&merchant_id=..&state=..} (the first
 *       merchant unless {@code merchant_id} names another);
 *   <li>{@code POST /oauth/v2/token} {@code {client_id, client_secret, code}}: a code is good once,
 *       for ten minutes;
 *   <li>{@code POST /oauth/v2/refresh} {@code {client_id, refresh_token}}: a new pair; the refresh
 *       token used is spent (it rotates); the old access token lives until it expires.
 * </ul>
 * Both answer {@code {access_token, access_token_expiration, refresh_token,
 * refresh_token_expiration}} with the expirations in epoch seconds. Lifetimes are sandbox options;
 * Clover's exact values are not confirmed. Times are the sandbox's clock.
 */
final class CloverOAuth {

    record Token(String merchantId, Instant expires) {
    }

    private record Code(String merchantId, Instant expires) {
    }

    private final CloverSandboxOptions options;
    private final SandboxData data;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Token> accessTokens = new HashMap<>();
    private final Map<String, Token> refreshTokens = new HashMap<>();

    CloverOAuth(CloverSandboxOptions options, SandboxData data) {
        this.options = options;
        this.data = data;
    }

    synchronized SandboxResponse authorize(Map<String, String> query) {
        if (!options.clientId().equals(query.get("client_id"))) {
            throw CloverApiException.badRequest("Unknown client_id");
        }
        String redirect = query.get("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            throw CloverApiException.badRequest("redirect_uri is required");
        }
        String merchantId = query.getOrDefault("merchant_id", data.merchantIds().get(0));
        if (data.merchant(merchantId) == null) {
            throw CloverApiException.badRequest("Unknown merchant_id");
        }
        String code = secret(16);
        codes.put(code, new Code(merchantId, data.now().plus(Duration.ofMinutes(10))));
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + "&merchant_id="
                + merchantId + (query.get("state") == null ? "" : "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        return SandboxResponse.redirect(location);
    }

    synchronized SandboxResponse token(JsonNode body) {
        client(body);
        if (!options.clientSecret().equals(body.path("client_secret").asText())) {
            throw CloverApiException.unauthorized();
        }
        Code code = codes.remove(body.path("code").asText());
        if (code == null || data.now().isAfter(code.expires())) {
            throw CloverApiException.badRequest("Invalid or expired code");
        }
        return SandboxResponse.ok(pair(code.merchantId()));
    }

    synchronized SandboxResponse refresh(JsonNode body) {
        client(body);
        Token old = refreshTokens.remove(body.path("refresh_token").asText());
        if (old == null || data.now().isAfter(old.expires())) {
            throw CloverApiException.unauthorized();
        }
        return SandboxResponse.ok(pair(old.merchantId()));
    }

    /** An access token for a merchant, for tests that skip the OAuth flow. */
    synchronized String issue(String merchantId, Duration validFor) {
        String token = secret(18);
        accessTokens.put(token, new Token(merchantId, data.now().plus(validFor)));
        return token;
    }

    /** The token of {@code Authorization: Bearer <token>}, if it is valid for {@code merchantId}; else 401. */
    synchronized String authenticate(String authorization, String merchantId) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw CloverApiException.unauthorized();
        }
        String token = authorization.substring("Bearer ".length()).trim();
        Token t = accessTokens.get(token);
        if (t == null || data.now().isAfter(t.expires()) || !t.merchantId().equals(merchantId)) {
            throw CloverApiException.unauthorized();
        }
        return token;
    }

    private void client(JsonNode body) {
        if (!options.clientId().equals(body.path("client_id").asText())) {
            throw CloverApiException.badRequest("Unknown client_id");
        }
    }

    private ObjectNode pair(String merchantId) {
        Instant now = data.now();
        String access = issue(merchantId, options.accessTokenTtl());
        String refresh = secret(18);
        Instant refreshExpires = now.plus(options.refreshTokenTtl());
        refreshTokens.put(refresh, new Token(merchantId, refreshExpires));
        ObjectNode out = CloverJson.object();
        out.put("access_token", access);
        out.put("access_token_expiration", now.plus(options.accessTokenTtl()).getEpochSecond());
        out.put("refresh_token", refresh);
        out.put("refresh_token_expiration", refreshExpires.getEpochSecond());
        return out;
    }

    private String secret(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
