package io.tillbridge.connector.http;

import io.tillbridge.connector.SecretRedactor;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The config of the generic HTTP JSON source: any API that answers GET with JSON pages.
 * Unset optional components take their defaults in the constructor.
 */
public record HttpJsonSourceConfig(
        @ConfigProperty(title = "URL", order = 1, target = true, example = "https://api.example.com/v1/orders",
                description = "The first page, with any fixed query parameters") @NotNull URI url,
        @ConfigProperty(title = "Stream name", order = 2, defaultValue = "records",
                description = "The name the records are known by in mappings") String stream,
        @ConfigProperty(title = "Records pointer", order = 3, example = "/data",
                description = "JSON pointer to the array of records in a page; empty when the page is the array")
        String recordsPointer,
        @ConfigProperty(title = "Id pointer", order = 4, defaultValue = "/id",
                description = "JSON pointer, within a record, to its identifier") String idPointer,
        @ConfigProperty(title = "Bearer token", order = 10, group = "Authentication", secret = true,
                description = "Sent as Authorization: Bearer <token>") String bearerToken,
        @ConfigProperty(title = "Auth header name", order = 11, group = "Authentication", example = "X-Api-Key")
        String authHeaderName,
        @ConfigProperty(title = "Auth header value", order = 12, group = "Authentication", secret = true)
        String authHeaderValue,
        @ConfigProperty(title = "Pagination", order = 20, group = "Pagination", defaultValue = "NONE")
        Pagination pagination,
        @ConfigProperty(title = "Next cursor pointer", order = 21, group = "Pagination", example = "/next_cursor",
                description = "CURSOR: JSON pointer, within a page, to the next page's cursor") String cursorPointer,
        @ConfigProperty(title = "Cursor parameter", order = 22, group = "Pagination", example = "cursor",
                description = "CURSOR: the query parameter that carries the cursor") String cursorParam,
        @ConfigProperty(title = "Page parameter", order = 23, group = "Pagination", defaultValue = "page",
                description = "PAGE_NUMBER: the query parameter that carries the page number") String pageParam,
        @ConfigProperty(title = "First page", order = 24, group = "Pagination", defaultValue = "1") @Min(0)
        Integer firstPage,
        @ConfigProperty(title = "Updated-at pointer", order = 30, group = "Incremental", example = "/updated_at",
                description = "JSON pointer, within a record, to its update timestamp; empty to read everything each time")
        String updatedAtPointer,
        @ConfigProperty(title = "Updated-since parameter", order = 31, group = "Incremental", example = "updated_since",
                description = "Query parameter that asks for records updated at or after a timestamp (inclusive); "
                        + "empty to filter here") String updatedSinceParam,
        @ConfigProperty(title = "Request timeout (seconds)", order = 40, group = "Advanced", defaultValue = "30")
        @Min(1) @Max(300) Integer timeoutSeconds,
        @ConfigProperty(title = "Retries", order = 41, group = "Advanced", defaultValue = "4") @Min(0) @Max(10)
        Integer maxRetries,
        @ConfigProperty(title = "OAuth2 token URL", order = 13, group = "Authentication", target = true,
                example = "https://identity.example.com/connect/token",
                description = "OAuth2 with a refresh token: the token endpoint; access tokens are obtained and renewed here")
        URI oauthEndpoint,
        @ConfigProperty(title = "OAuth2 client id", order = 14, group = "Authentication") String oauthClientId,
        @ConfigProperty(title = "OAuth2 client secret", order = 15, group = "Authentication", secret = true)
        String oauthClientSecret,
        @ConfigProperty(title = "OAuth2 refresh token", order = 16, group = "Authentication", secret = true,
                description = "Replaced by the new one whenever the provider rotates it") String oauthRefreshToken,
        @ConfigProperty(title = "OAuth2 access token", order = 17, group = "Authentication", secret = true,
                description = "Optional: obtained with the refresh token and kept up to date") String oauthAccessToken,
        @ConfigProperty(title = "Rate-limit provider", order = 42, group = "Advanced", defaultValue = "GENERIC",
                description = "Whose request quota the API has; every run calling one account of it shares it")
        RateLimitProvider rateLimitProvider,
        @ConfigProperty(title = "Rate-limit account", order = 43, group = "Advanced", example = "the merchant or realm id",
                description = "What the provider counts requests by (merchant id, store, realm id, tenant id), so "
                        + "that connections to one account share its quota; empty for this connection alone")
        String rateLimitAccount) {

    /** How the API says where the next page is. */
    public enum Pagination {
        /** One page holds everything. */
        NONE,
        /** The page holds the next cursor; it goes back in a query parameter (Square). */
        CURSOR,
        /** Pages are numbered; an empty page is the end (Toast, Lightspeed 0.x). */
        PAGE_NUMBER,
        /** A {@code Link: <...>; rel="next"} header (Shopify REST). */
        LINK_HEADER
    }

    /**
     * The providers whose quotas the platform knows (rates in its configuration, from each
     * vendor's published limits); GENERIC for any other API.
     */
    public enum RateLimitProvider {
        GENERIC, SQUARE, SHOPIFY, CLOVER, LIGHTSPEED, TOAST, QUICKBOOKS, XERO;

        /** The rate class name the runtime configures a rate for. */
        public String rateClass() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HttpJsonSourceConfig {
        stream = blankTo(stream, "records");
        recordsPointer = blankTo(recordsPointer, "");
        idPointer = blankTo(idPointer, "/id");
        pagination = pagination == null ? Pagination.NONE : pagination;
        pageParam = blankTo(pageParam, "page");
        firstPage = firstPage == null ? 1 : firstPage;
        updatedAtPointer = blankTo(updatedAtPointer, "");
        updatedSinceParam = blankTo(updatedSinceParam, "");
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
        maxRetries = maxRetries == null ? 4 : maxRetries;
        rateLimitProvider = rateLimitProvider == null ? RateLimitProvider.GENERIC : rateLimitProvider;
        rateLimitAccount = blankTo(rateLimitAccount, "");
    }

    /** Whether the config asks for OAuth2 with a refresh token. */
    public boolean usesOAuth() {
        return oauthEndpoint != null;
    }

    /** A config with only a URL; the rest as defaults, to be changed with the {@code with} methods. */
    public static HttpJsonSourceConfig of(URI url) {
        return new HttpJsonSourceConfig(url, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** The parameter problems, found without any request; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (url == null || url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            problems.add("URL must be an absolute http or https URL");
        }
        for (String pointer : List.of(recordsPointer, idPointer, updatedAtPointer)) {
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                problems.add("JSON pointer '" + pointer + "' must start with /");
            }
        }
        if ((authHeaderName == null || authHeaderName.isBlank()) != (authHeaderValue == null || authHeaderValue.isBlank())) {
            problems.add("auth header name and value go together");
        }
        if (usesOAuth() || !isBlank(oauthClientId) || !isBlank(oauthClientSecret) || !isBlank(oauthRefreshToken)) {
            if (oauthEndpoint == null || oauthEndpoint.getScheme() == null || !oauthEndpoint.getScheme().matches("https?")
                    || oauthEndpoint.getHost() == null || isBlank(oauthClientId) || isBlank(oauthClientSecret)
                    || isBlank(oauthRefreshToken)) {
                problems.add("OAuth2 needs an absolute http or https token URL, the client id, the client secret"
                        + " and the refresh token");
            }
            if (!isBlank(bearerToken)) {
                problems.add("a bearer token and OAuth2 exclude each other");
            }
        }
        if (pagination == Pagination.CURSOR && (isBlank(cursorPointer) || isBlank(cursorParam))) {
            problems.add("CURSOR pagination needs the next cursor pointer and the cursor parameter");
        }
        if (!updatedSinceParam.isEmpty() && updatedAtPointer.isEmpty()) {
            problems.add("the updated-since parameter needs the updated-at pointer");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 300 || maxRetries < 0 || maxRetries > 10 || firstPage < 0) {
            problems.add("timeout must be 1-300 s, retries 0-10, first page 0 or more");
        }
        return problems;
    }

    public HttpJsonSourceConfig withBearerToken(String token) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, token, authHeaderName, authHeaderValue,
                pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer, updatedSinceParam,
                timeoutSeconds, maxRetries, oauthEndpoint, oauthClientId,
                oauthClientSecret, oauthRefreshToken, oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withRecords(String recordsAt, String idAt, String updatedAtAt) {
        return new HttpJsonSourceConfig(url, stream, recordsAt, idAt, bearerToken, authHeaderName, authHeaderValue,
                pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtAt, updatedSinceParam,
                timeoutSeconds, maxRetries, oauthEndpoint, oauthClientId,
                oauthClientSecret, oauthRefreshToken, oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withPagination(Pagination style, String cursorAt, String cursorParameter) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, style, cursorAt, cursorParameter, pageParam, firstPage, updatedAtPointer,
                updatedSinceParam, timeoutSeconds, maxRetries, oauthEndpoint, oauthClientId,
                oauthClientSecret, oauthRefreshToken, oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withUpdatedSinceParam(String parameter) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer,
                parameter, timeoutSeconds, maxRetries, oauthEndpoint, oauthClientId,
                oauthClientSecret, oauthRefreshToken, oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withUrl(URI newUrl) {
        return new HttpJsonSourceConfig(newUrl, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer,
                updatedSinceParam, timeoutSeconds, maxRetries, oauthEndpoint, oauthClientId,
                oauthClientSecret, oauthRefreshToken, oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withMaxRetries(int retries) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer,
                updatedSinceParam, timeoutSeconds, retries, oauthEndpoint, oauthClientId,
                oauthClientSecret, oauthRefreshToken, oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withOAuth(URI tokenUrl, String clientId, String clientSecret, String refreshToken) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer,
                updatedSinceParam, timeoutSeconds, maxRetries, tokenUrl, clientId, clientSecret, refreshToken,
                oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withTimeoutSeconds(int seconds) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer,
                updatedSinceParam, seconds, maxRetries, oauthEndpoint, oauthClientId, oauthClientSecret,
                oauthRefreshToken, oauthAccessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withOAuthAccessToken(String accessToken) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer,
                updatedSinceParam, timeoutSeconds, maxRetries, oauthEndpoint, oauthClientId, oauthClientSecret,
                oauthRefreshToken, accessToken, rateLimitProvider, rateLimitAccount);
    }

    public HttpJsonSourceConfig withRateLimit(RateLimitProvider provider, String account) {
        return new HttpJsonSourceConfig(url, stream, recordsPointer, idPointer, bearerToken, authHeaderName,
                authHeaderValue, pagination, cursorPointer, cursorParam, pageParam, firstPage, updatedAtPointer,
                updatedSinceParam, timeoutSeconds, maxRetries, oauthEndpoint, oauthClientId, oauthClientSecret,
                oauthRefreshToken, oauthAccessToken, provider, account);
    }

    /** Secrets masked: a config can be logged. */
    @Override
    public String toString() {
        return SecretRedactor.describe(this);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
