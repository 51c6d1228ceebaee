package io.tillbridge.connector.clover;

import io.tillbridge.connector.SecretRedactor;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Clover connection: where Clover's API is, which merchant ({@code mId}), how we authenticate (an
 * API token, or OAuth v2 tokens that expire and that the runtime refreshes with the app's id and
 * secret), and how reads look back.
 *
 * @param baseUrl Clover's REST API host ({@code https://api.clover.com} in North America,
 *     {@code https://api.eu.clover.com}, {@code https://apisandbox.dev.clover.com}); the OAuth token
 *     endpoints are on the same host. Changing it requires entering the secrets again
 * @param merchantId the merchant's id ({@code mId}); Clover has one location per merchant
 * @param accessToken an API token or an OAuth access token
 * @param oauthClientId the Clover app's id: with a refresh token, the runtime renews the expiring
 *     access token through {@code <baseUrl>/oauth/v2/refresh}
 * @param oauthClientSecret the Clover app's secret
 * @param oauthRefreshToken the refresh token of the merchant's grant (it rotates: each use spends it)
 * @param deviceIds device ids, comma-separated: only orders and payments taken on these devices;
 *     empty for all
 * @param historyDays how far back the first read goes. Clover lists only the last 90 days of orders,
 *     payments and refunds unless a time filter is given, so every read sends one
 * @param lookbackMinutes how far before the last read an incremental read starts again, for changes
 *     that reach the API with a modification time already passed (offline devices syncing late)
 * @param pageSize the {@code limit} of a list request (Clover: at most 1000)
 * @param timeoutSeconds the request timeout, the whole exchange included
 * @param maxRetries retries of one request after a 429, a 5xx or a timeout; the backoff doubles
 * @param closeOut when the business day ends ({@code HH:mm}, the merchant's local time)
 * @param timeZone the merchant's time zone when Clover's merchant record has none (IANA name)
 */
public record CloverConfig(
        @ConfigProperty(title = "Clover API URL", order = 1, target = true, defaultValue = "https://api.clover.com",
                description = "Clover's REST API host: api.clover.com (North America), api.eu.clover.com,"
                        + " apisandbox.dev.clover.com, or the sandbox") URI baseUrl,
        @ConfigProperty(title = "Merchant id", order = 2, example = "TC4DGCJW1K4EW",
                description = "The merchant's id (mId), in the merchant dashboard's URL") String merchantId,
        @ConfigProperty(title = "Access token", order = 3, secret = true, group = "Authentication",
                description = "An API token or an OAuth access token") String accessToken,
        @ConfigProperty(title = "App id", order = 4, group = "Authentication",
                description = "With a refresh token: the Clover app the merchant installed") String oauthClientId,
        @ConfigProperty(title = "App secret", order = 5, secret = true, group = "Authentication")
        String oauthClientSecret,
        @ConfigProperty(title = "OAuth refresh token", order = 6, secret = true, group = "Authentication")
        String oauthRefreshToken,
        @ConfigProperty(title = "Devices", order = 10, example = "C031UQ52340015,C031UQ52340016",
                description = "Device ids, comma-separated, to read only their orders and payments; empty for all")
        String deviceIds,
        @ConfigProperty(title = "History (days)", order = 20, group = "Advanced", defaultValue = "365",
                description = "How far back the first read goes (Clover shows 90 days unless asked for more)")
        @Min(1) @Max(3650) Integer historyDays,
        @ConfigProperty(title = "Look-back window (minutes)", order = 21, group = "Advanced", defaultValue = "60",
                description = "How far before the last read an incremental read starts again, for devices that"
                        + " sync late") @Min(0) @Max(4320) Integer lookbackMinutes,
        @ConfigProperty(title = "Records per page", order = 22, group = "Advanced", defaultValue = "500")
        @Min(1) @Max(1000) Integer pageSize,
        @ConfigProperty(title = "Request timeout (seconds)", order = 23, group = "Advanced", defaultValue = "30")
        @Min(1) @Max(300) Integer timeoutSeconds,
        @ConfigProperty(title = "Retries", order = 24, group = "Advanced", defaultValue = "8") @Min(0) @Max(12)
        Integer maxRetries,
        @ConfigProperty(title = "Business day close-out", order = 25, group = "Advanced", defaultValue = "00:00",
                description = "When the business day ends (HH:mm, the merchant's local time)") String closeOut,
        @ConfigProperty(title = "Time zone", order = 26, group = "Advanced", example = "America/New_York",
                description = "Used only when Clover's merchant record names none") String timeZone) {

    public static final URI PRODUCTION = URI.create("https://api.clover.com");

    public CloverConfig {
        baseUrl = baseUrl == null ? PRODUCTION : baseUrl;
        merchantId = merchantId == null ? "" : merchantId.trim();
        deviceIds = deviceIds == null ? "" : deviceIds.trim();
        historyDays = historyDays == null ? 365 : historyDays;
        lookbackMinutes = lookbackMinutes == null ? 60 : lookbackMinutes;
        pageSize = pageSize == null ? 500 : pageSize;
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
        maxRetries = maxRetries == null ? 8 : maxRetries;
        closeOut = closeOut == null || closeOut.isBlank() ? "00:00" : closeOut.trim();
        timeZone = timeZone == null ? "" : timeZone.trim();
    }

    /** A config with an access token; the rest as defaults. */
    public static CloverConfig of(URI baseUrl, String merchantId, String accessToken) {
        return new CloverConfig(baseUrl, merchantId, accessToken, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public CloverConfig withOAuth(String clientId, String clientSecret, String refreshToken) {
        return new CloverConfig(baseUrl, merchantId, accessToken, clientId, clientSecret, refreshToken, deviceIds,
                historyDays, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut, timeZone);
    }

    public CloverConfig withAccessToken(String token) {
        return new CloverConfig(baseUrl, merchantId, token, oauthClientId, oauthClientSecret, oauthRefreshToken,
                deviceIds, historyDays, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut, timeZone);
    }

    public CloverConfig withBaseUrl(URI url) {
        return new CloverConfig(url, merchantId, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                deviceIds, historyDays, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut, timeZone);
    }

    public CloverConfig withMerchant(String id) {
        return new CloverConfig(baseUrl, id, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                deviceIds, historyDays, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut, timeZone);
    }

    public CloverConfig withDevices(String ids) {
        return new CloverConfig(baseUrl, merchantId, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                ids, historyDays, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut, timeZone);
    }

    /** History in days, look-back in minutes, page size and retries. */
    public CloverConfig withReads(int history, int lookback, int page, int retries) {
        return new CloverConfig(baseUrl, merchantId, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                deviceIds, history, lookback, page, timeoutSeconds, retries, closeOut, timeZone);
    }

    public CloverConfig withBusinessDay(String closeOutTime, String zone) {
        return new CloverConfig(baseUrl, merchantId, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                deviceIds, historyDays, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOutTime, zone);
    }

    /** Whether the runtime keeps OAuth tokens for this connection and refreshes them. */
    public boolean usesOAuth() {
        return !isBlank(oauthRefreshToken);
    }

    public Duration lookback() {
        return Duration.ofMinutes(lookbackMinutes);
    }

    public Duration history() {
        return Duration.ofDays(historyDays);
    }

    public LocalTime closeOutTime() {
        return LocalTime.parse(closeOut);
    }

    /** The configured time zone, or null when none is configured. */
    public ZoneId fallbackZone() {
        return timeZone.isEmpty() ? null : ZoneId.of(timeZone);
    }

    /** The configured device ids; empty for all. */
    public List<String> devices() {
        return deviceIds.isEmpty() ? List.of()
                : Arrays.stream(deviceIds.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The parameter problems, found without any request; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null) {
            problems.add("the Clover API URL must be an absolute http or https URL");
        }
        if (!merchantId.matches("[A-Za-z0-9]{1,64}")) {
            problems.add("the merchant id (mId) is required: letters and digits");
        }
        if (isBlank(accessToken) && !usesOAuth()) {
            problems.add("an access token or an OAuth refresh token is required");
        }
        if (usesOAuth() && (isBlank(oauthClientId) || isBlank(oauthClientSecret))) {
            problems.add("an OAuth refresh token needs the app id and secret");
        }
        if (pageSize < 1 || pageSize > 1000) {
            problems.add("records per page must be 1 to 1000 (Clover's largest limit)");
        }
        if (historyDays < 1) {
            problems.add("the history must be at least one day");
        }
        try {
            closeOutTime();
        } catch (DateTimeParseException e) {
            problems.add("the close-out must be a time of day as HH:mm");
        }
        try {
            fallbackZone();
        } catch (DateTimeException e) {
            problems.add("the time zone must be an IANA name such as America/New_York");
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
