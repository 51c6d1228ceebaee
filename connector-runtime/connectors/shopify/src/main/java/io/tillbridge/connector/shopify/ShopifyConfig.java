package io.tillbridge.connector.shopify;

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
import java.util.Locale;

/**
 * A Shopify connection: which shop, how we authenticate (an Admin API access token, from a custom
 * app or from the OAuth grant of our app), which API version, which locations, and how far back an
 * incremental read looks again.
 *
 * @param baseUrl where the shop's Admin API is; empty for {@code https://<shop>.myshopify.com}
 *     (Shopify's own host); a sandbox or test server otherwise
 * @param shop the shop's {@code myshopify.com} domain or its handle ({@code tillbridge-demo})
 * @param accessToken the Admin API access token ({@code shpat_...}); Shopify's offline tokens do not
 *     expire, so there is nothing to refresh
 * @param oauthClientId the app's API key, when the merchant connected through our app's OAuth
 * @param oauthClientSecret the app's secret: Shopify signs the app's webhooks with it
 * @param apiVersion the Admin API version ({@code YYYY-MM}); Shopify supports each for a year
 * @param locationIds location ids, comma-separated; empty for every location of the shop
 * @param lookbackMinutes how far before the last read's high-water mark an incremental read starts
 *     again: REST lists answer in id order, so an order updated while a read pages past its id is
 *     found by the next read only if that read starts before its update
 * @param pageSize the {@code limit} of REST lists (Shopify: 1..250)
 * @param timeoutSeconds the request timeout, the whole exchange included
 * @param maxRetries retries of one request after a 429, a 5xx or a timeout
 * @param closeOut when the business day ends ({@code HH:mm}, shop time); Shopify has no such setting
 */
public record ShopifyConfig(
        @ConfigProperty(title = "Admin API URL", order = 1, group = "Advanced",
                description = "Empty for https://<shop>.myshopify.com; the sandbox or a test server for trials")
        URI baseUrl,
        @ConfigProperty(title = "Shop", order = 2, target = true, example = "my-store.myshopify.com",
                description = "The shop's myshopify.com domain or its handle") String shop,
        @ConfigProperty(title = "Access token", order = 3, secret = true, group = "Authentication",
                description = "An Admin API access token (a custom app's, or the one our app's OAuth grant gave)")
        String accessToken,
        @ConfigProperty(title = "App API key", order = 4, group = "Authentication",
                description = "With OAuth: the app the merchant installed") String oauthClientId,
        @ConfigProperty(title = "App secret", order = 5, secret = true, group = "Authentication",
                description = "The app's secret; Shopify signs webhooks with it") String oauthClientSecret,
        @ConfigProperty(title = "API version", order = 6, group = "Advanced", defaultValue = "2025-07",
                description = "The Admin API version, YYYY-MM") String apiVersion,
        @ConfigProperty(title = "Locations", order = 10, example = "65432101,65432102",
                description = "Location ids, comma-separated; empty for every location") String locationIds,
        @ConfigProperty(title = "Look-back window (minutes)", order = 20, group = "Advanced", defaultValue = "15",
                description = "How far before the last read an incremental read starts again")
        @Min(0) @Max(1440) Integer lookbackMinutes,
        @ConfigProperty(title = "Records per page", order = 21, group = "Advanced", defaultValue = "250")
        @Min(1) @Max(250) Integer pageSize,
        @ConfigProperty(title = "Request timeout (seconds)", order = 22, group = "Advanced", defaultValue = "30")
        @Min(1) @Max(300) Integer timeoutSeconds,
        @ConfigProperty(title = "Retries", order = 23, group = "Advanced", defaultValue = "6") @Min(0) @Max(12)
        Integer maxRetries,
        @ConfigProperty(title = "Business day close-out", order = 24, group = "Advanced", defaultValue = "00:00",
                description = "When the business day ends (HH:mm, the shop's time)") String closeOut) {

    /** The API version the connector is written against. */
    public static final String API_VERSION = "2025-07";

    public ShopifyConfig {
        shop = shop == null ? "" : shop.trim().toLowerCase(Locale.ROOT);
        apiVersion = apiVersion == null || apiVersion.isBlank() ? API_VERSION : apiVersion.trim();
        locationIds = locationIds == null ? "" : locationIds.trim();
        lookbackMinutes = lookbackMinutes == null ? 15 : lookbackMinutes;
        pageSize = pageSize == null ? 250 : pageSize;
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
        maxRetries = maxRetries == null ? 6 : maxRetries;
        closeOut = closeOut == null || closeOut.isBlank() ? "00:00" : closeOut.trim();
    }

    /** A config with an access token; the rest as defaults. */
    public static ShopifyConfig of(URI baseUrl, String shop, String accessToken) {
        return new ShopifyConfig(baseUrl, shop, accessToken, null, null, null, null, null, null, null, null, null);
    }

    public ShopifyConfig withAccessToken(String token) {
        return new ShopifyConfig(baseUrl, shop, token, oauthClientId, oauthClientSecret, apiVersion, locationIds,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public ShopifyConfig withApp(String clientId, String clientSecret) {
        return new ShopifyConfig(baseUrl, shop, accessToken, clientId, clientSecret, apiVersion, locationIds,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public ShopifyConfig withBaseUrl(URI url) {
        return new ShopifyConfig(url, shop, accessToken, oauthClientId, oauthClientSecret, apiVersion, locationIds,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public ShopifyConfig withLocations(String ids) {
        return new ShopifyConfig(baseUrl, shop, accessToken, oauthClientId, oauthClientSecret, apiVersion, ids,
                lookbackMinutes, pageSize, timeoutSeconds, maxRetries, closeOut);
    }

    public ShopifyConfig withPaging(int lookback, int perPage, int retries) {
        return new ShopifyConfig(baseUrl, shop, accessToken, oauthClientId, oauthClientSecret, apiVersion,
                locationIds, lookback, perPage, timeoutSeconds, retries, closeOut);
    }

    public ShopifyConfig withCloseOut(String time) {
        return new ShopifyConfig(baseUrl, shop, accessToken, oauthClientId, oauthClientSecret, apiVersion,
                locationIds, lookbackMinutes, pageSize, timeoutSeconds, maxRetries, time);
    }

    /** The shop's {@code myshopify.com} domain. */
    public String shopDomain() {
        return shop.endsWith(".myshopify.com") ? shop : shop + ".myshopify.com";
    }

    /** Where the shop's Admin API is: the configured base URL, else Shopify's host of the shop. */
    public URI shopUrl() {
        if (baseUrl != null && !baseUrl.toString().isBlank()) {
            String text = baseUrl.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }
        return URI.create("https://" + shopDomain());
    }

    /** {@code <shop URL>/admin/api/<version>/<resource>.json}. */
    URI api(String resource) {
        return URI.create(shopUrl() + "/admin/api/" + apiVersion + "/" + resource + ".json");
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
        if (!shopDomain().matches("[a-z0-9][a-z0-9-]*\\.myshopify\\.com")) {
            problems.add("the shop must be its myshopify.com domain or handle (letters, digits and dashes)");
        }
        if (baseUrl != null && !baseUrl.toString().isBlank() && (baseUrl.getScheme() == null
                || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null)) {
            problems.add("the Admin API URL must be an absolute http or https URL");
        }
        if (accessToken == null || accessToken.isBlank()) {
            problems.add("an access token is required");
        }
        if (!apiVersion.matches("\\d{4}-\\d{2}|unstable")) {
            problems.add("the API version is YYYY-MM");
        }
        if (pageSize < 1 || pageSize > 250) {
            problems.add("records per page must be 1 to 250 (Shopify's REST limit)");
        }
        for (String id : locations()) {
            if (!id.matches("\\d{1,20}")) {
                problems.add("location ids are numbers: " + (id.length() > 40 ? id.substring(0, 40) + "..." : id));
                break;
            }
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
}
