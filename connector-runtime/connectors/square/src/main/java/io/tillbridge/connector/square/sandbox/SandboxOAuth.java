package io.tillbridge.connector.square.sandbox;

import static io.tillbridge.connector.square.sandbox.SquareJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
 * refresh token never expires, can be used many times and comes back unchanged, while a PKCE
 * refresh token (authorization with {@code code_challenge}) is single-use, lives 90 days and is
 * replaced at each refresh (the spec's {@code ObtainTokenResponse}). Tokens are bearer tokens for
 * {@code Authorization: Bearer}.
 */
final class SandboxOAuth {

    /** Every scope the sandbox's endpoints check. */
    static final Set<String> ALL_SCOPES = Set.of("MERCHANT_PROFILE_READ", "ORDERS_READ", "PAYMENTS_READ",
            "ITEMS_READ", "ITEMS_WRITE", "INVENTORY_READ", "INVENTORY_WRITE", "CUSTOMERS_READ");

    /** An access token with what it may do and until when. */
    record Token(String accessToken, String merchantId, Set<String> scopes, Instant expiresAt, String refreshToken) {
    }

    /** An authorization code; {@code challenge} is the PKCE code challenge, or null in the code flow. */
    private record Code(Set<String> scopes, String redirectUri, Instant expiresAt, String challenge) {
    }

    /** A refresh token: PKCE ones are single-use and expire ({@code expiresAt}), code-flow ones neither. */
    private record Refresh(Set<String> scopes, Instant expiresAt) {
    }

    private final SquareSandboxOptions options;
    private final SandboxData data;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();

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
        codes.put(code, new Code(scopes, redirect, data.now().plus(Duration.ofMinutes(5)),
                request.param("code_challenge")));
        StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?')
                .append("code=").append(URLEncoder.encode(code, StandardCharsets.UTF_8))
                .append("&response_type=code");
        String state = request.param("state");
        if (state != null) {
            location.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        return new SandboxResponse(302, null, Map.of("Location", location.toString()));
    }

    /**
     * {@code POST /oauth2/token}. The code flow authenticates with the client secret; the PKCE flow
     * (a code whose authorization had a {@code code_challenge}) with the {@code code_verifier}
     * instead, and its refresh tokens are single-use, expire after 90 days and are replaced at each
     * refresh ({@code refresh_token_expires_at}).
     */
    SandboxResponse token(SandboxRequest request) {
        JsonNode body = request.bodyObject();
        if (!options.clientId().equals(body.path("client_id").asText())) {
            throw SquareApiException.unauthorized("UNAUTHORIZED", "The client_id is not valid.");
        }
        boolean secretGiven = body.hasNonNull("client_secret");
        if (secretGiven && !options.clientSecret().equals(body.path("client_secret").asText())) {
            throw SquareApiException.unauthorized("UNAUTHORIZED", "The client_secret is not valid.");
        }
        Duration validFor = body.path("short_lived").asBoolean() ? Duration.ofHours(24) : Duration.ofDays(30);
        String grant = body.path("grant_type").asText();
        Set<String> scopes;
        boolean pkce;
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
            pkce = code.challenge() != null;
            if (pkce ? !code.challenge().equals(challenge(body.path("code_verifier").asText())) : !secretGiven) {
                throw SquareApiException.unauthorized("UNAUTHORIZED",
                        pkce ? "The code_verifier does not match." : "The client_secret is required.");
            }
            scopes = code.scopes();
        } else if ("refresh_token".equals(grant)) {
            Refresh refresh = refreshTokens.get(body.path("refresh_token").asText());
            pkce = refresh != null && refresh.expiresAt() != null;
            if (refresh == null || (pkce && !refresh.expiresAt().isAfter(data.now())) || (!pkce && !secretGiven)) {
                throw SquareApiException.unauthorized("UNAUTHORIZED", "The refresh token is not valid.");
            }
            scopes = refresh.scopes();
        } else {
            throw SquareApiException.badRequest("INVALID_VALUE", "Unsupported grant_type: " + grant, "grant_type");
        }
        String refresh = "refresh_token".equals(grant) && !pkce ? body.path("refresh_token").asText()
                : "EQAA" + secret(48);
        Instant refreshExpiresAt = pkce ? data.now().plus(Duration.ofDays(90)) : null;
        if (pkce && "refresh_token".equals(grant)) {
            refreshTokens.remove(body.path("refresh_token").asText());
        }
        refreshTokens.put(refresh, new Refresh(scopes, refreshExpiresAt));
        Token token = issue(validFor, scopes, refresh);
        ObjectNode out = SquareJson.object();
        out.put("access_token", token.accessToken());
        out.put("token_type", "bearer");
        out.put("expires_at", time(token.expiresAt()));
        out.put("merchant_id", token.merchantId());
        out.put("refresh_token", token.refreshToken());
        out.put("short_lived", body.path("short_lived").asBoolean());
        if (refreshExpiresAt != null) {
            out.put("refresh_token_expires_at", time(refreshExpiresAt));
        }
        return SandboxResponse.ok(out);
    }

    /** The S256 code challenge of a verifier: base64url(SHA-256(verifier)) without padding (RFC 7636). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
