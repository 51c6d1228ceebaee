package io.tillbridge.connector.xero;

import io.tillbridge.connector.SecretRedactor;
import io.tillbridge.connector.accounting.AccountingObjects.Corrections;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Xero connection: where Xero is, which organisation (the {@code xero-tenant-id} header every call
 * carries), how we authenticate (an access token, or OAuth 2.0 tokens the runtime keeps and
 * refreshes), and how a journal that changes after it was posted is corrected.
 *
 * @param baseUrl Xero's API host ({@code https://api.xero.com}); the Accounting API is under
 *     {@code /api.xro/2.0/}. Changing it requires entering the secrets again (they are sent there)
 * @param tenantId the organisation's tenant id, as {@code GET /connections} lists it
 * @param accessToken an OAuth 2.0 access token (30 minutes)
 * @param oauthClientId the app's client id; with a refresh token, the runtime refreshes the access
 *     token at Xero's token endpoint ({@code https://identity.xero.com/connect/token}; under the
 *     base URL for any other host, as the sandbox serves it)
 * @param oauthClientSecret the app's client secret
 * @param oauthRefreshToken the refresh token of the grant (single-use: Xero rotates it)
 * @param corrections {@code adjusting_entry} (default: post the difference as a new journal that
 *     names the first posting, so closed periods stay closed) or {@code edit} (replace the posted
 *     journal's lines)
 * @param adjustmentDate the date of an adjusting journal: {@code posting} (default, the day it is
 *     posted) or {@code original} (the first posting's date)
 * @param pageSize records per page of the paged reads (Xero: 1..1000, 100 by default)
 * @param timeoutSeconds the request timeout, the whole exchange included
 * @param maxRetries retries of one request after a 429, a 5xx or a timeout
 */
public record XeroConfig(
        @ConfigProperty(title = "Xero API URL", order = 1, target = true, defaultValue = "https://api.xero.com",
                description = "Xero's API host; the sandbox for trials") URI baseUrl,
        @ConfigProperty(title = "Organisation (tenant id)", order = 2,
                description = "The xero-tenant-id of the organisation, as Xero's connections list names it")
        String tenantId,
        @ConfigProperty(title = "Access token", order = 3, secret = true, group = "Authentication") String accessToken,
        @ConfigProperty(title = "OAuth client id", order = 4, group = "Authentication") String oauthClientId,
        @ConfigProperty(title = "OAuth client secret", order = 5, secret = true, group = "Authentication")
        String oauthClientSecret,
        @ConfigProperty(title = "OAuth refresh token", order = 6, secret = true, group = "Authentication")
        String oauthRefreshToken,
        @ConfigProperty(title = "Corrections", order = 10, defaultValue = "adjusting_entry",
                description = "How a posted journal that changed is corrected: adjusting_entry (a new journal with the difference) or edit")
        String corrections,
        @ConfigProperty(title = "Adjustment date", order = 11, defaultValue = "posting",
                description = "The date of an adjusting journal: posting (the day it is posted) or original (the first posting's date)")
        String adjustmentDate,
        @ConfigProperty(title = "Records per page", order = 20, group = "Advanced", defaultValue = "100")
        @Min(1) @Max(1000) Integer pageSize,
        @ConfigProperty(title = "Request timeout (seconds)", order = 21, group = "Advanced", defaultValue = "30")
        @Min(1) @Max(300) Integer timeoutSeconds,
        @ConfigProperty(title = "Retries", order = 22, group = "Advanced", defaultValue = "4") @Min(0) @Max(12)
        Integer maxRetries) {

    public static final URI PRODUCTION = URI.create("https://api.xero.com");

    /** Xero's token endpoint (xero_accounting.yaml, securitySchemes.OAuth2). */
    public static final URI TOKEN_URL = URI.create("https://identity.xero.com/connect/token");

    public XeroConfig {
        baseUrl = baseUrl == null ? PRODUCTION : baseUrl;
        tenantId = tenantId == null ? "" : tenantId.trim();
        corrections = corrections == null || corrections.isBlank() ? "adjusting_entry"
                : corrections.trim().toLowerCase(Locale.ROOT);
        adjustmentDate = adjustmentDate == null || adjustmentDate.isBlank() ? "posting"
                : adjustmentDate.trim().toLowerCase(Locale.ROOT);
        pageSize = pageSize == null ? 100 : pageSize;
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
        maxRetries = maxRetries == null ? 4 : maxRetries;
    }

    /** A config with an access token; the rest as defaults. */
    public static XeroConfig of(URI baseUrl, String tenantId, String accessToken) {
        return new XeroConfig(baseUrl, tenantId, accessToken, null, null, null, null, null, null, null, null);
    }

    public XeroConfig withOAuth(String clientId, String clientSecret, String refreshToken) {
        return new XeroConfig(baseUrl, tenantId, accessToken, clientId, clientSecret, refreshToken, corrections,
                adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public XeroConfig withAccessToken(String token) {
        return new XeroConfig(baseUrl, tenantId, token, oauthClientId, oauthClientSecret, oauthRefreshToken,
                corrections, adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public XeroConfig withTenant(String tenant) {
        return new XeroConfig(baseUrl, tenant, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                corrections, adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public XeroConfig withBaseUrl(URI url) {
        return new XeroConfig(url, tenantId, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                corrections, adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public XeroConfig withCorrections(String how, String date) {
        return new XeroConfig(baseUrl, tenantId, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                how, date, pageSize, timeoutSeconds, maxRetries);
    }

    public XeroConfig withPaging(int size, int timeout, int retries) {
        return new XeroConfig(baseUrl, tenantId, accessToken, oauthClientId, oauthClientSecret, oauthRefreshToken,
                corrections, adjustmentDate, size, timeout, retries);
    }

    /** Whether the runtime keeps OAuth2 tokens for this connection and refreshes them. */
    public boolean usesOAuth() {
        return !isBlank(oauthRefreshToken);
    }

    public Corrections correctionMode() {
        return "edit".equals(corrections) ? Corrections.EDIT : Corrections.ADJUSTING_ENTRY;
    }

    /** True when an adjusting journal takes the first posting's date. */
    public boolean adjustOnOriginalDate() {
        return "original".equals(adjustmentDate);
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** Xero's token endpoint for production, else {@code <baseUrl>/connect/token}. */
    public URI tokenUrl() {
        return PRODUCTION.getHost().equalsIgnoreCase(baseUrl.getHost()) ? TOKEN_URL : baseUrl.resolve("/connect/token");
    }

    /** The parameter problems, found without any request; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null) {
            problems.add("the Xero API URL must be an absolute http or https URL");
        }
        if (tenantId.isEmpty()) {
            problems.add("the organisation's tenant id is required (xero-tenant-id)");
        } else if (!tenantId.matches("[0-9A-Fa-f-]{1,64}")) {
            problems.add("the tenant id is a Xero tenant id (a UUID), not " + tenantId.length() + " other characters");
        }
        if (isBlank(accessToken) && !usesOAuth()) {
            problems.add("an access token or an OAuth refresh token is required");
        }
        if (usesOAuth() && (isBlank(oauthClientId) || isBlank(oauthClientSecret))) {
            problems.add("an OAuth refresh token needs the client id and secret");
        }
        if (!List.of("adjusting_entry", "edit").contains(corrections)) {
            problems.add("corrections must be adjusting_entry or edit");
        }
        if (!List.of("posting", "original").contains(adjustmentDate)) {
            problems.add("the adjustment date must be posting or original");
        }
        if (pageSize < 1 || pageSize > 1000) {
            problems.add("records per page must be 1 to 1000 (Xero's pageSize limit)");
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
