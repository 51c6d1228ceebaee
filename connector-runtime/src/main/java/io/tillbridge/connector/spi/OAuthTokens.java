package io.tillbridge.connector.spi;

import java.time.Instant;

/**
 * An OAuth2 access token and the refresh token that renews it (RFC 6749, section 6). Secrets:
 * {@link #toString()} shows neither.
 *
 * @param accessToken null when none has been obtained yet
 * @param refreshToken null when the grant issued none
 * @param expiresAt when the access token expires; null when unknown
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt) {

    /** Whether the access token is missing or expires within {@code marginSeconds} of {@code now}. */
    public boolean needsRefresh(Instant now, long marginSeconds) {
        return accessToken == null || accessToken.isEmpty()
                || (expiresAt != null && !now.plusSeconds(marginSeconds).isBefore(expiresAt));
    }

    @Override
    public String toString() {
        return "OAuthTokens[accessToken=" + (accessToken == null ? "null" : "****") + ", refreshToken="
                + (refreshToken == null ? "null" : "****") + ", expiresAt=" + expiresAt + "]";
    }
}
