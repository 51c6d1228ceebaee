package io.tillbridge.users;

import io.tillbridge.access.AccessTokens;

/**
 * A signed-in session: a short-lived access token, the refresh token that renews it (shown to the
 * client only here), and who signed in with which tenants.
 *
 * @param sessionsRevokedAt the user's last session revocation as of the sign-in (see
 *     {@link SessionStanding}); a portal session that later sees another value is over
 */
public record Session(AccessTokens.Issued accessToken, String refreshToken, Account account,
        java.util.Optional<java.time.Instant> sessionsRevokedAt) {

    @Override
    public String toString() {
        return "Session[user=" + account.user().id() + "]";
    }
}
