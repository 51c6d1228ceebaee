package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.UrlEncoded;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Xero's OAuth 2.0 code flow (developer.xero.com "OAuth 2.0 auth flow"): the authorize page
 * ({@code /identity/connect/authorize}, here approved at once: 302 to the redirect with {@code code}
 * and {@code state}), the token endpoint ({@code /connect/token}, form-encoded, the client by HTTP
 * Basic or in the form) with the {@code authorization_code} and {@code refresh_token} grants, and
 * {@code GET /connections} listing the tenant the grant reaches. Access tokens live 30 minutes;
 * refresh tokens are single-use and rotate at each refresh.
 */
final class XeroSandboxOAuth {

    private record Code(String redirectUri, Instant expiresAt) {
    }

    private final XeroSandboxOptions options;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    XeroSandboxOAuth(XeroSandboxOptions options) {
        this.options = options;
        this.clock = options.clock();
    }

    String issue(Duration validFor) {
        String token = "xero-at-" + secret(40);
        accessTokens.put(token, clock.instant().plus(validFor));
        return token;
    }

    /** 401 unless {@code Authorization: Bearer} names a live token. */
    void authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw XeroApiException.gateway(401, "AuthenticationUnsuccessful");
        }
        Instant expires = accessTokens.get(authorization.substring(7).trim());
        if (expires == null || !expires.isAfter(clock.instant())) {
            throw XeroApiException.gateway(401, expires == null ? "AuthenticationUnsuccessful" : "TokenExpired");
        }
    }

    /** The redirect of an approved authorization request. */
    String authorize(Map<String, String> query) {
        if (!options.clientId().equals(query.get("client_id"))) {
            throw XeroApiException.badRequest("unauthorized_client");
        }
        String redirect = query.get("redirect_uri");
        if (redirect == null || !"code".equals(query.get("response_type"))) {
            throw XeroApiException.badRequest("invalid_request: redirect_uri and response_type=code are required");
        }
        String code = secret(32);
        codes.put(code, new Code(redirect, clock.instant().plus(Duration.ofMinutes(5))));
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code;
        String state = query.get("state");
        return state == null ? location : location + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    /** {@code POST /connect/token}: 200 with tokens, or 400 {@code {"error": ...}} as RFC 6749 5.2 says. */
    ObjectNode token(String authorization, String form) {
        Map<String, String> body = UrlEncoded.parseLast(form);
        String clientId = body.get("client_id");
        String clientSecret = body.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            clientId = colon < 0 ? decoded : decoded.substring(0, colon);
            clientSecret = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (!options.clientId().equals(clientId) || !options.clientSecret().equals(clientSecret)) {
            throw oauthError("invalid_client");
        }
        String grant = body.getOrDefault("grant_type", "");
        if ("authorization_code".equals(grant)) {
            Code code = codes.remove(body.getOrDefault("code", ""));
            if (code == null || !code.expiresAt().isAfter(clock.instant())
                    || !code.redirectUri().equals(body.get("redirect_uri"))) {
                throw oauthError("invalid_grant");
            }
        } else if ("refresh_token".equals(grant)) {
            if (refreshTokens.remove(body.getOrDefault("refresh_token", "")) == null) {
                throw oauthError("invalid_grant");
            }
        } else {
            throw oauthError("unsupported_grant_type");
        }
        String refresh = "xero-rt-" + secret(40);
        refreshTokens.put(refresh, Boolean.TRUE);
        ObjectNode out = XeroJson.object();
        out.put("id_token", "sandbox." + secret(20) + ".token");
        out.put("access_token", issue(Duration.ofMinutes(30)));
        out.put("expires_in", 1800);
        out.put("token_type", "Bearer");
        out.put("refresh_token", refresh);
        out.put("scope", "offline_access accounting.transactions accounting.settings accounting.contacts");
        return out;
    }

    /** A refresh token the token endpoint accepts once, for tests that start from a stored grant. */
    String issueRefreshToken() {
        String refresh = "xero-rt-" + secret(40);
        refreshTokens.put(refresh, Boolean.TRUE);
        return refresh;
    }

    private static XeroApiException oauthError(String error) {
        ObjectNode body = XeroJson.object();
        body.put("error", error);
        return new XeroApiException(400, body, Map.of());
    }

    private String secret(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
