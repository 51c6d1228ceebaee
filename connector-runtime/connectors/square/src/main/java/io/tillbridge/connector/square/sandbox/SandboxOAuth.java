package io.tillbridge.connector.square.sandbox;

import static io.tillbridge.connector.square.sandbox.SquareJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Square's OAuth code flow: {@code GET /oauth2/authorize} (the seller always approves: 302 to the
 * redirect URI with {@code code} and {@code state}) and {@code POST /oauth2/token} with the
 * {@code authorization_code} and {@code refresh_token} grants. A code is single-use and lives five
 * minutes; an access token lives 30 days (24 hours when {@code short_lived}); the code flow's
 * refresh token never expires, can be used many times and comes back unchanged (the spec's
 * {@code ObtainTokenResponse}). Tokens are bearer tokens for {@code Authorization: Bearer}.
 */
final class SandboxOAuth {

    /** Every scope the sandbox's endpoints check. */
    static final Set<String> ALL_SCOPES = Set.of("MERCHANT_PROFILE_READ", "ORDERS_READ", "PAYMENTS_READ",
            "ITEMS_READ", "INVENTORY_READ", "INVENTORY_WRITE", "CUSTOMERS_READ");

    /** An access token with what it may do and until when. */
    record Token(String accessToken, String merchantId, Set<String> scopes, Instant expiresAt, String refreshToken) {
    }

    private record Code(Set<String> scopes, String redirectUri, Instant expiresAt) {
    }

    private final SquareSandboxOptions options;
    private final SandboxData data;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> refreshTokens = new ConcurrentHashMap<>();

    SandboxOAuth(SquareSandboxOptions options, SandboxData data) {
        this.options = options;
        this.data = data;
    }

    Token issue(Duration validFor, Set<String> scopes, String refreshToken) {
        Token token = new Token("EAAA" + secret(48), data.merchantId(), Set.copyOf(scopes),
                data.now().plus(validFor), refreshToken);
        tokens.put(token.accessToken(), token);
        return token;
    }

    /** The token of an {@code Authorization: Bearer} header; 401 when missing, unknown or expired. */
    Token authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw SquareApiException.unauthorized("UNAUTHORIZED",
                    "This request could not be authorized: no Authorization: Bearer header.");
        }
        Token token = tokens.get(authorization.substring(7).trim());
        if (token == null) {
            throw SquareApiException.unauthorized("UNAUTHORIZED", "The access token is not valid.");
        }
        if (!token.expiresAt().isAfter(data.now())) {
            throw SquareApiException.unauthorized("ACCESS_TOKEN_EXPIRED", "The access token has expired.");
        }
        return token;
    }

    SandboxResponse authorize(SandboxRequest request) {
        if (!options.clientId().equals(request.param("client_id"))) {
            throw SquareApiException.badRequest("INVALID_VALUE", "Unknown client_id", "client_id");
        }
        String redirect = request.param("redirect_uri");
        if (redirect == null) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "redirect_uri is required",
                    "redirect_uri");
        }
        String scope = request.param("scope");
        if (scope == null) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "scope is required", "scope");
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(scope.trim().split("[\\s+]+")));
        String code = "sq0cgp-" + secret(22);
        codes.put(code, new Code(scopes, redirect, data.now().plus(Duration.ofMinutes(5))));
        StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?')
                .append("code=").append(URLEncoder.encode(code, StandardCharsets.UTF_8))
                .append("&response_type=code");
        String state = request.param("state");
        if (state != null) {
            location.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        return new SandboxResponse(302, null, Map.of("Location", location.toString()));
    }

    SandboxResponse token(SandboxRequest request) {
        JsonNode body = request.bodyObject();
        if (!options.clientId().equals(body.path("client_id").asText())
                || !options.clientSecret().equals(body.path("client_secret").asText())) {
            throw SquareApiException.unauthorized("UNAUTHORIZED", "The client_id or client_secret is not valid.");
        }
        Duration validFor = body.path("short_lived").asBoolean() ? Duration.ofHours(24) : Duration.ofDays(30);
        String grant = body.path("grant_type").asText();
        Token token;
        if ("authorization_code".equals(grant)) {
            Code code = codes.remove(body.path("code").asText());
            if (code == null || !code.expiresAt().isAfter(data.now())) {
                throw SquareApiException.unauthorized("UNAUTHORIZED",
                        "The authorization code is not valid, has expired or was already used.");
            }
            String redirect = body.path("redirect_uri").asText(null);
            if (redirect != null && !redirect.equals(code.redirectUri())) {
                throw SquareApiException.badRequest("INVALID_VALUE", "redirect_uri does not match", "redirect_uri");
            }
            String refresh = "EQAA" + secret(48);
            refreshTokens.put(refresh, code.scopes());
            token = issue(validFor, code.scopes(), refresh);
        } else if ("refresh_token".equals(grant)) {
            String refresh = body.path("refresh_token").asText();
            Set<String> scopes = refreshTokens.get(refresh);
            if (scopes == null) {
                throw SquareApiException.unauthorized("UNAUTHORIZED", "The refresh token is not valid.");
            }
            token = issue(validFor, scopes, refresh);
        } else {
            throw SquareApiException.badRequest("INVALID_VALUE", "Unsupported grant_type: " + grant, "grant_type");
        }
        ObjectNode out = SquareJson.object();
        out.put("access_token", token.accessToken());
        out.put("token_type", "bearer");
        out.put("expires_at", time(token.expiresAt()));
        out.put("merchant_id", token.merchantId());
        out.put("refresh_token", token.refreshToken());
        out.put("short_lived", body.path("short_lived").asBoolean());
        return SandboxResponse.ok(out);
    }

    private String secret(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
