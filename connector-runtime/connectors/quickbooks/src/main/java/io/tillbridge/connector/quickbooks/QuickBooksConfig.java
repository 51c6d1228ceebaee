package io.tillbridge.connector.quickbooks;

import io.tillbridge.connector.SecretRedactor;
import io.tillbridge.connector.accounting.AccountingObjects.Corrections;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A QuickBooks Online connection: where the API and the token endpoint are, which company (realm),
 * how we authenticate (an access token, or OAuth2 tokens that the runtime keeps and refreshes), and
 * how a journal that changes after it was posted is corrected.
 *
 * @param baseUrl the Accounting API ({@code https://quickbooks.api.intuit.com}, Intuit's sandbox
 *     {@code https://sandbox-quickbooks.api.intuit.com}, or the shipped sandbox)
 * @param oauthEndpointUrl Intuit's OAuth2 token endpoint (RFC 6749 refresh grant, form body, HTTP Basic client auth)
 * @param realmId the company id, in every API path
 * @param accessToken an OAuth access token (lives an hour)
 * @param oauthClientId the app's client id; with a refresh token the runtime refreshes the access token
 * @param oauthClientSecret the app's client secret
 * @param oauthRefreshToken the refresh token of the company's grant
 * @param corrections what a correction of a posted journal becomes: a new adjusting entry with only
 *     the difference (default; closed periods stay closed), or an edit of the posted entry
 * @param adjustmentDate the date of an adjusting entry: the day it is posted (default: the books of
 *     an earlier, maybe closed, period stay as they are) or the original journal's date
 * @param pageSize {@code MAXRESULTS} of every query (Intuit: at most 1000)
 * @param timeoutSeconds the request timeout, the whole exchange included (Intuit times out at 120 s)
 * @param maxRetries retries of one request after a 429, a 5xx or a timeout
 */
public record QuickBooksConfig(
        @ConfigProperty(title = "QuickBooks API URL", order = 1, target = true, defaultValue = PRODUCTION_URL,
                description = "Intuit's Accounting API; the sandbox for trials") URI baseUrl,
        @ConfigProperty(title = "Token endpoint", order = 2, target = true, defaultValue = TOKEN_URL,
                description = "Intuit's OAuth2 token endpoint") URI oauthEndpointUrl,
        @ConfigProperty(title = "Company id (realm id)", order = 3,
                description = "The realmId QuickBooks sends with the authorization", example = "9130356789012345")
        String realmId,
        @ConfigProperty(title = "Access token", order = 4, secret = true, group = "Authentication") String accessToken,
        @ConfigProperty(title = "OAuth client id", order = 5, group = "Authentication") String oauthClientId,
        @ConfigProperty(title = "OAuth client secret", order = 6, secret = true, group = "Authentication")
        String oauthClientSecret,
        @ConfigProperty(title = "OAuth refresh token", order = 7, secret = true, group = "Authentication")
        String oauthRefreshToken,
        @ConfigProperty(title = "Corrections of posted journals", order = 10, defaultValue = "ADJUSTING_ENTRY",
                description = "ADJUSTING_ENTRY posts only the difference as a new journal entry that names the first"
                        + " posting; EDIT replaces the posted entry's lines") Corrections corrections,
        @ConfigProperty(title = "Date of adjusting entries", order = 11, defaultValue = "POSTING",
                description = "POSTING: the day the adjustment is posted; ORIGINAL: the corrected journal's own date")
        AdjustmentDate adjustmentDate,
        @ConfigProperty(title = "Records per page", order = 20, group = "Advanced", defaultValue = "100")
        @Min(1) @Max(1000) Integer pageSize,
        @ConfigProperty(title = "Request timeout (seconds)", order = 21, group = "Advanced", defaultValue = "30")
        @Min(1) @Max(120) Integer timeoutSeconds,
        @ConfigProperty(title = "Retries", order = 22, group = "Advanced", defaultValue = "4") @Min(0) @Max(10)
        Integer maxRetries) {

    public static final String PRODUCTION_URL = "https://quickbooks.api.intuit.com";
    public static final String TOKEN_URL = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer";

    /** Which date an adjusting entry carries. */
    public enum AdjustmentDate {
        /** The day the adjustment is posted. */
        POSTING,
        /** The date of the journal it corrects. */
        ORIGINAL
    }

    public QuickBooksConfig {
        baseUrl = baseUrl == null ? URI.create(PRODUCTION_URL) : baseUrl;
        oauthEndpointUrl = oauthEndpointUrl == null ? URI.create(TOKEN_URL) : oauthEndpointUrl;
        realmId = realmId == null ? "" : realmId.trim();
        corrections = corrections == null ? Corrections.ADJUSTING_ENTRY : corrections;
        adjustmentDate = adjustmentDate == null ? AdjustmentDate.POSTING : adjustmentDate;
        pageSize = pageSize == null ? 100 : pageSize;
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
        maxRetries = maxRetries == null ? 4 : maxRetries;
    }

    /** A config with an access token; the rest as defaults. */
    public static QuickBooksConfig of(URI baseUrl, String realmId, String accessToken) {
        return new QuickBooksConfig(baseUrl, null, realmId, accessToken, null, null, null, null, null, null, null,
                null);
    }

    public QuickBooksConfig withOAuth(URI tokens, String clientId, String clientSecret, String refreshToken) {
        return new QuickBooksConfig(baseUrl, tokens, realmId, accessToken, clientId, clientSecret, refreshToken,
                corrections, adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public QuickBooksConfig withAccessToken(String token) {
        return new QuickBooksConfig(baseUrl, oauthEndpointUrl, realmId, token, oauthClientId, oauthClientSecret,
                oauthRefreshToken, corrections, adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public QuickBooksConfig withBaseUrl(URI url) {
        return new QuickBooksConfig(url, oauthEndpointUrl, realmId, accessToken, oauthClientId, oauthClientSecret,
                oauthRefreshToken, corrections, adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public QuickBooksConfig withRealm(String realm) {
        return new QuickBooksConfig(baseUrl, oauthEndpointUrl, realm, accessToken, oauthClientId, oauthClientSecret,
                oauthRefreshToken, corrections, adjustmentDate, pageSize, timeoutSeconds, maxRetries);
    }

    public QuickBooksConfig withCorrections(Corrections value, AdjustmentDate date) {
        return new QuickBooksConfig(baseUrl, oauthEndpointUrl, realmId, accessToken, oauthClientId, oauthClientSecret,
                oauthRefreshToken, value, date, pageSize, timeoutSeconds, maxRetries);
    }

    public QuickBooksConfig withLimits(int page, int timeout, int retries) {
        return new QuickBooksConfig(baseUrl, oauthEndpointUrl, realmId, accessToken, oauthClientId, oauthClientSecret,
                oauthRefreshToken, corrections, adjustmentDate, page, timeout, retries);
    }

    /** Whether the runtime keeps OAuth2 tokens for this connection and refreshes them. */
    public boolean usesOAuth() {
        return !isBlank(oauthRefreshToken);
    }

    /** The parameter problems, found without any request; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (URI url : List.of(baseUrl, oauthEndpointUrl)) {
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                problems.add("the QuickBooks URLs must be absolute http or https URLs: " + url);
            }
        }
        if (!realmId.matches("\\d{1,20}")) {
            problems.add("the company id (realm id) is a number of up to 20 digits");
        }
        if (isBlank(accessToken) && !usesOAuth()) {
            problems.add("an access token or an OAuth refresh token is required");
        }
        if (usesOAuth() && (isBlank(oauthClientId) || isBlank(oauthClientSecret))) {
            problems.add("an OAuth refresh token needs the client id and secret");
        }
        if (pageSize < 1 || pageSize > 1000) {
            problems.add("records per page must be 1 to 1000 (Intuit's MAXRESULTS limit)");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            problems.add("the request timeout must be 1 to 120 seconds");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            problems.add("retries must be 0 to 10");
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
