package io.tillbridge.connector.square;

import io.tillbridge.connector.SecretRedactor;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Square connection: where Square is, how we authenticate (an access token, or OAuth2 tokens that
 * the runtime keeps and refreshes), which locations to read, and how far back an incremental read
 * looks again for orders that became visible late.
 *
 * @param baseUrl Square's API; changing it requires entering the secrets again (they are sent there)
 * @param accessToken a personal access token or an OAuth access token
 * @param oauthClientId the OAuth application's id; with a refresh token, the runtime refreshes the
 *     access token through {@code <baseUrl>/oauth2/token}
 * @param oauthClientSecret the OAuth application's secret
 * @param oauthRefreshToken the refresh token of the merchant's grant
 * @param locationIds location ids, comma-separated; empty for every location of the merchant
 * @param lookbackMinutes how far before the last checkpoint an incremental read starts again: an
 *     order updated at T may show up in SearchOrders only some time after T (Square's search index is
 *     eventually consistent), and an order taken offline reaches the API with {@code updated_at} at its
 *     arrival but may be indexed late. Re-reading the window costs a few requests; orders already read
 *     at the same version are not emitted again. 15 minutes covers the indexing delays Square's forum
 *     reports (seconds to minutes) with a margin.
 * @param pageSize the {@code limit} of SearchOrders and of the inventory counts of {@code pos.inventory}
 *     (Square: 1..1000, default 500)
 * @param timeoutSeconds the request timeout, the whole exchange included
 * @param maxRetries retries of one request after a 429, a 5xx or a timeout; the backoff doubles
 * @param closeOut when the business day ends at every location ({@code HH:mm}); Square has no such
 *     setting, so midnight unless the merchant says otherwise
 */
public record SquareConfig(
        @ConfigProperty(title = "Square API URL", order = 1, target = true,
                defaultValue = "https://connect.squareup.com",
                description = "Square's API; the sandbox or a test server for trials") URI baseUrl,
        @ConfigProperty(title = "Access token", order = 2, secret = true, group = "Authentication",
                description = "A personal access token (Developer Dashboard, Credentials) or an OAuth access token")
        String accessToken,
        @ConfigProperty(title = "OAuth application id", order = 3, group = "Authentication",
                description = "With a refresh token: the application the merchant granted access to") String oauthClientId,
        @ConfigProperty(title = "OAuth application secret", order = 4, secret = true, group = "Authentication")
        String oauthClientSecret,
        @ConfigProperty(title = "OAuth refresh token", order = 5, secret = true, group = "Authentication")
        String oauthRefreshToken,
        @ConfigProperty(title = "Locations", order = 10, example = "L1ABC,L2DEF",
                description = "Location ids, comma-separated; empty for every location") String locationIds,
        @ConfigProperty(title = "Look-back window (minutes)", order = 20, group = "Advanced", defaultValue = "15",
                description = "How far before the last read an incremental read starts again, for orders that "
                        + "reach Square's search late") @Min(0) @Max(1440) Integer lookbackMinutes,
        @ConfigProperty(title = "Orders and stock levels per page", order = 21, group = "Advanced", defaultValue = "500")
        @Min(1) @Max(1000) Integer pageSize,
        @ConfigProperty(title = "Request timeout (seconds)", order = 22, group = "Advanced", defaultValue = "30")
        @Min(1) @Max(300) Integer timeoutSeconds,
        @ConfigProperty(title = "Retries", order = 23, group = "Advanced", defaultValue = "6") @Min(0) @Max(12)
        Integer maxRetries,
        @ConfigProperty(title = "Business day close-out", order = 24, group = "Advanced", defaultValue = "00:00",
                description = "When the business day ends (HH:mm, local time of each location)") String closeOut) {

    public static final URI PRODUCTION = URI.create("https://connect.squareup.com");

    public SquareConfig {
        baseUrl = baseUrl == null ? PRODUCTION : baseUrl;
        locationIds = locationIds == null ? "" : locationIds.trim();
        lookbackMinutes = lookbackMinutes == null ? 15 : lookbackMinutes;
        pageSize = pageSize == null ? 500 : pageSize;
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
        maxRetries = maxRetries == null ? 6 : maxRetries;
        closeOut = closeOut == null || closeOut.isBlank() ? "00:00" : closeOut.trim();
    }

    /** A config with an access token; the rest as defaults. */
    public static SquareConfig of(URI baseUrl, String accessToken) {
        return new SquareConfig(baseUrl, accessToken, null, null, null, null, null, null, null, null, null);
    }

    public SquareConfig withOAuth(String clientId, String clientSecret, String refreshToken) {
        return new SquareConfig(baseUrl, accessToken, clientId, clientSecret, refreshToken, locationIds,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public SquareConfig withAccessToken(String token) {
        return new SquareConfig(baseUrl, token, oauthClientId, oauthClientSecret, oauthRefreshToken, locationIds,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public SquareConfig withBaseUrl(URI url) {
        return new SquareConfig(url, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken, locationIds,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public SquareConfig withLocations(String ids) {
        return new SquareConfig(baseUrl, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken, ids,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public SquareConfig withPaging(int lookback, int orders, int retries) {
        return new SquareConfig(baseUrl, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                locationIds, lookback, orders, timeoutSeconds, retries, closeOut);
    }

    public SquareConfig withCloseOut(String time) {
        return new SquareConfig(baseUrl, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                locationIds, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, time);
    }

    /** Whether the runtime keeps OAuth2 tokens for this connection and refreshes them. */
    public boolean usesOAuth() {
        return !isBlank(oauthRefreshToken);
    }

    public Duration lookback() {
        return Duration.ofMinutes(lookbackMinutes);
    }

    public LocalTime closeOutTime() {
        return LocalTime.parse(closeOut);
    }

    /** The configured location ids; empty for all. */
    public List<String> locations() {
        return locationIds.isEmpty() ? List.of()
                : Arrays.stream(locationIds.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The parameter problems, found without any request; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null) {
            problems.add("the Square API URL must be an absolute http or https URL");
        }
        if (isBlank(accessToken) && !usesOAuth()) {
            problems.add("an access token or an OAuth refresh token is required");
        }
        if (usesOAuth() && (isBlank(oauthClientId) || isBlank(oauthClientSecret))) {
            problems.add("an OAuth refresh token needs the application id and secret");
        }
        if (pageSize < 1 || pageSize > 1000) {
            problems.add("orders per page must be 1 to 1000 (Square's SearchOrders limit)");
        }
        try {
            closeOutTime();
        } catch (DateTimeParseException e) {
            problems.add("the close-out must be a time of day as HH:mm");
        }
        return problems;
    }

    @Override
    public String toString() {
        return SecretRedactor.describe(this);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
