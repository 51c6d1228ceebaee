package io.tillbridge.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.egress.EgressHttpClients;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * A provider's OAuth2 token endpoint, asked for new tokens with the refresh-token grant (RFC 6749,
 * section 6): a form POST with the client authenticated by HTTP Basic (section 2.3.1, which every
 * server must accept; Xero and QuickBooks document it). Both timeouts are set. A refused refresh
 * token ({@code invalid_grant}, section 5.2) fails AUTH: the merchant must connect the account
 * again. Nothing it logs or throws contains a token. The endpoint is reached through the
 * {@link EgressPolicy} like every other connector connection; redirects are not followed.
 */
public final class OAuth2TokenEndpoint implements OAuthTokenStore.TokenExchange {

    private final EgressPolicy egress;
    private final Duration connectTimeout;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration requestTimeout;
    private final Clock clock;

    public OAuth2TokenEndpoint(URI tokenUrl, String clientId, String clientSecret, Duration connectTimeout,
            Duration requestTimeout, Clock clock, EgressPolicy egress) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OAuthTokens exchange(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw new ConnectorException(Category.AUTH, "there is no refresh token: connect the account again");
        }
        return request("grant_type=refresh_token&refresh_token=" + form(refreshToken), "the refresh token");
    }

    /**
     * The authorization-code grant (RFC 6749, 4.1.3): the code the vendor sent to the redirect, for
     * tokens; the same form body and Basic client authentication as a refresh.
     *
     * @throws ConnectorException AUTH when the vendor refuses the code, TRANSIENT when it cannot be reached
     */
    public OAuthTokens exchangeCode(String code, URI redirectUri) {
        if (code == null || code.isEmpty()) {
            throw new ConnectorException(Category.AUTH, "the vendor sent no authorization code");
        }
        return request("grant_type=authorization_code&code=" + form(code) + "&redirect_uri="
                + form(redirectUri.toString()), "the authorization code");
    }

    private OAuthTokens request(String formBody, String what) {
        String where = tokenUrl.getHost() + tokenUrl.getPath();
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpPost request;
        try {
            request = new HttpPost(tokenUrl);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Category.CONFIG, "the token URL is not usable");
        }
        request.setHeader("Accept", "application/json");
        request.setHeader("Authorization", "Basic " + basic);
        request.setEntity(new StringEntity(formBody, ContentType.APPLICATION_FORM_URLENCODED));
        TimedExchange.Result response;
        try (CloseableHttpClient http = EgressHttpClients.create(egress, connectTimeout, requestTimeout)) {
            response = TimedExchange.send(http, request, requestTimeout, any -> true, egress.maxResponseBytes(), where);
        } catch (IOException e) {
            ConnectorException refused = EgressHttpClients.refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new ConnectorException(Category.TRANSIENT, where + " could not be reached: " + e.getClass().getSimpleName());
        }
        JsonNode body = parse(response.body());
        int status = response.status();
        if (status == 200 && body.path("access_token").isTextual()) {
            JsonNode refresh = body.path("refresh_token");
            JsonNode expiresIn = body.path("expires_in");
            Instant expiresAt = expiresIn.canConvertToLong() || expiresIn.isTextual() && expiresIn.asText().matches("\\d+")
                    ? clock.instant().plusSeconds(expiresIn.asLong()) : null;
            return new OAuthTokens(body.get("access_token").asText(),
                    refresh.isTextual() && !refresh.asText().isEmpty() ? refresh.asText() : null, expiresAt);
        }
        String error = body.path("error").asText("");
        if (status == 400 || status == 401) {
            // invalid_grant: the refresh token was used already, revoked or expired (RFC 6749, 5.2).
            throw new ConnectorException(Category.AUTH, where + " refused " + what + " (HTTP " + status
                    + (error.matches("[a-z_]{1,40}") ? ", " + error : "") + "): connect the account again");
        }
        if (status == 429 || status >= 500) {
            throw new ConnectorException(Category.TRANSIENT, where + " failed to refresh the access token (HTTP "
                    + status + ")");
        }
        throw new ConnectorException(Category.CONFIG, where + " did not answer with an access token (HTTP " + status + ")");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JsonHttpClient.JSON.readTree(body);
            return node == null || node.isMissingNode() ? JsonHttpClient.JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JsonHttpClient.JSON.createObjectNode();
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
