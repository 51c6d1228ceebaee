package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.SandboxResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's OAuth authorization-code grant for offline tokens. {@code GET /admin/oauth/authorize}
 * approves at once and redirects to {@code redirect_uri} with {@code code}, {@code host},
 * {@code shop}, {@code state}, {@code timestamp} and {@code hmac}: the hex HMAC-SHA256, keyed with
 * the app's secret, of the other parameters sorted by name and joined as {@code k=v&k=v}.
 * {@code POST /admin/oauth/access_token} trades the code (once, within ten minutes) for
 * {@code {access_token, scope}}. Offline tokens do not expire.
 */
final class SandboxOAuth {

    static final Set<String> ALL_SCOPES = Set.of("read_orders", "read_all_orders", "read_products",
            "write_products", "read_inventory", "write_inventory", "read_customers", "read_locations");
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private record Code(String shop, Set<String> scopes, Instant expires) {
    }

    private final ShopifySandboxOptions options;
    private final Supplier<Instant> clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, TokenGrant> tokens = new ConcurrentHashMap<>();

    SandboxOAuth(ShopifySandboxOptions options, Supplier<Instant> clock) {
        this.options = options;
        this.clock = clock;
    }

    SandboxResponse authorize(SandboxRequest request) {
        if (!options.clientId().equals(request.param("client_id"))) {
            throw ShopifyApiException.badRequest("Oauth error invalid_request: The client_id is not valid");
        }
        String redirect = request.param("redirect_uri");
        if (redirect == null || !redirect.startsWith("http")) {
            throw ShopifyApiException.badRequest(
                    "Oauth error invalid_request: The redirect_uri is missing or not an absolute URL");
        }
        Set<String> scopes = scopes(request.param("scope"));
        String code = hex(16);
        codes.put(code, new Code(request.shop().profile().handle(), scopes, clock.get().plus(CODE_LIFETIME)));
        Map<String, String> params = new TreeMap<>();
        params.put("code", code);
        params.put("host", Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("admin.shopify.com/store/" + request.shop().profile().handle()).getBytes(StandardCharsets.UTF_8)));
        params.put("shop", request.shop().domain());
        if (request.param("state") != null) {
            params.put("state", request.param("state"));
        }
        params.put("timestamp", Long.toString(clock.get().getEpochSecond()));
        String hmac = signQuery(params, options.clientSecret());
        StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?');
        params.forEach((k, v) -> location.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
        location.append("hmac=").append(hmac);
        return SandboxResponse.redirect(URI.create(location.toString()).toString());
    }

    SandboxResponse accessToken(SandboxRequest request) {
        JsonNode body = request.bodyObject().isEmpty() ? formBody(request) : request.bodyObject();
        if (!options.clientId().equals(body.path("client_id").asText())
                || !options.clientSecret().equals(body.path("client_secret").asText())) {
            throw new ShopifyApiException(400, oauthError("invalid_client", "Client credentials are invalid"));
        }
        Code code = codes.remove(body.path("code").asText());
        if (code == null || code.expires().isBefore(clock.get())
                || !code.shop().equals(request.shop().profile().handle())) {
            throw new ShopifyApiException(400, oauthError("invalid_request",
                    "The authorization code was not found or was already used"));
        }
        String token = issue(code.shop(), code.scopes());
        ObjectNode answer = ShopifyJson.object();
        answer.put("access_token", token);
        answer.put("scope", String.join(",", code.scopes()));
        return SandboxResponse.ok(answer);
    }

    private static ObjectNode formBody(SandboxRequest request) {
        ObjectNode form = ShopifyJson.object();
        request.query().forEach(form::put);
        return form;
    }

    private static ObjectNode oauthError(String error, String description) {
        ObjectNode body = ShopifyJson.object();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    String issue(String shopHandle, Set<String> scopes) {
        String token = "shpat_" + hex(16);
        tokens.put(token, new TokenGrant(shopHandle, Set.copyOf(scopes)));
        return token;
    }

    TokenGrant grant(String token) {
        return token == null ? null : tokens.get(token);
    }

    private Set<String> scopes(String requested) {
        if (requested == null || requested.isBlank()) {
            throw ShopifyApiException.badRequest("Oauth error invalid_scope: scope is required");
        }
        Set<String> scopes = Arrays.stream(requested.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String scope : scopes) {
            if (!ALL_SCOPES.contains(scope)) {
                throw ShopifyApiException.badRequest("Oauth error invalid_scope: " + scope);
            }
        }
        return scopes;
    }

    /** Shopify's OAuth hmac: hex HMAC-SHA256 of {@code k=v} pairs sorted by key and joined with {@code &}. */
    static String signQuery(Map<String, String> params, String secret) {
        String message = new TreeMap<>(params).entrySet().stream().filter(e -> !"hmac".equals(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        return HexFormat.of().formatHex(hmac(secret, message.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmac(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
