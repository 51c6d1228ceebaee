package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.SandboxResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Intuit's OAuth 2 as the sandbox plays it (RFC 6749 with Intuit's names):
 * <ul>
 *   <li>{@code GET /connect/oauth2?client_id&response_type=code&scope&redirect_uri&state}: the
 *       merchant approves at once; 302 to {@code redirect_uri?code&state&realmId};</li>
 *   <li>{@code POST /oauth2/v1/tokens/bearer}, form-encoded, the client authenticated with HTTP
 *       Basic: {@code grant_type=authorization_code&code&redirect_uri} or
 *       {@code grant_type=refresh_token&refresh_token}. Answers {@code {token_type, access_token,
 *       expires_in, refresh_token, x_refresh_token_expires_in}}; a refresh hands out a new refresh
 *       token and spends the old one. A bad grant answers 400 {@code invalid_grant}, a bad client
 *       401 {@code invalid_client}.</li>
 * </ul>
 * Lifetimes: access one hour (a sandbox option), refresh 100 days (vendor-apis.md).
 */
final class SandboxOAuth {

    static final String AUTHORIZE_PATH = "/connect/oauth2";
    static final String TOKEN_PATH = "/oauth2/v1/tokens/bearer";
    private static final Duration REFRESH_TTL = Duration.ofDays(100);
    private static final Duration CODE_TTL = Duration.ofMinutes(5);

    private record Grant(String realmId, Instant expires) {
    }

    private record Code(String realmId, String redirectUri, Instant expires) {
    }

    private final QuickBooksSandboxOptions options;
    private final Clock clock;
    private final String realmId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> access = new HashMap<>();
    private final Map<String, Grant> refresh = new HashMap<>();

    SandboxOAuth(QuickBooksSandboxOptions options, String realmId) {
        this.options = options;
        this.clock = options.clock();
        this.realmId = realmId;
    }

    synchronized SandboxResponse authorize(Map<String, String> query) {
        if (!options.clientId().equals(query.get("client_id"))) {
            return oauthError(400, "invalid_client", "unknown client_id");
        }
        String redirect = query.getOrDefault("redirect_uri", "");
        if (redirect.isEmpty() || !"code".equals(query.get("response_type"))) {
            return oauthError(400, "invalid_request", "redirect_uri and response_type=code are required");
        }
        String code = secret(16);
        codes.put(code, new Code(realmId, redirect, clock.instant().plus(CODE_TTL)));
        String state = query.get("state");
        return SandboxResponse.redirect(redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8))
                + "&realmId=" + realmId);
    }

    synchronized SandboxResponse token(String authorization, Map<String, String> form) {
        if (!client(authorization)) {
            return oauthError(401, "invalid_client", "the client credentials are wrong");
        }
        Instant now = clock.instant();
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                Code code = codes.remove(form.getOrDefault("code", ""));
                if (code == null || now.isAfter(code.expires())
                        || !code.redirectUri().equals(form.getOrDefault("redirect_uri", ""))) {
                    return oauthError(400, "invalid_grant", "the code is unknown, used or expired");
                }
                return SandboxResponse.ok(pair(code.realmId()));
            }
            case "refresh_token" -> {
                Grant old = refresh.remove(form.getOrDefault("refresh_token", ""));
                if (old == null || now.isAfter(old.expires())) {
                    return oauthError(400, "invalid_grant", "the refresh token is unknown, spent or expired");
                }
                return SandboxResponse.ok(pair(old.realmId()));
            }
            default -> {
                return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
            }
        }
    }

    /** An access token for tests that skip the flow. */
    synchronized String issue(Duration validFor) {
        String token = "eyJ" + secret(24);
        access.put(token, new Grant(realmId, clock.instant().plus(validFor)));
        return token;
    }

    /** A refresh token for tests that start from a stored grant. */
    synchronized String issueRefreshToken() {
        String token = "AB" + secret(20);
        refresh.put(token, new Grant(realmId, clock.instant().plus(REFRESH_TTL)));
        return token;
    }

    /** Whether {@code Authorization: Bearer <token>} is valid for the realm. */
    synchronized boolean valid(String authorization, String realm) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Grant grant = access.get(authorization.substring("Bearer ".length()).trim());
        return grant != null && grant.realmId().equals(realm) && clock.instant().isBefore(grant.expires());
    }

    private boolean client(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String expected = options.clientId() + ":" + options.clientSecret();
        try {
            String given = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return java.security.MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ObjectNode pair(String realm) {
        ObjectNode out = QuickBooksJson.object();
        out.put("token_type", "bearer");
        out.put("access_token", issue(options.accessTokenTtl()));
        out.put("expires_in", options.accessTokenTtl().toSeconds());
        String next = "AB" + secret(20);
        refresh.put(next, new Grant(realm, clock.instant().plus(REFRESH_TTL)));
        out.put("refresh_token", next);
        out.put("x_refresh_token_expires_in", REFRESH_TTL.toSeconds());
        return out;
    }

    private static SandboxResponse oauthError(int status, String error, String description) {
        ObjectNode body = QuickBooksJson.object();
        body.put("error", error);
        body.put("error_description", description);
        return SandboxResponse.of(status, body);
    }

    private String secret(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
