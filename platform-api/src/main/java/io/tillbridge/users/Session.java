package io.tillbridge.users;

import io.tillbridge.access.AccessTokens;

/**
 * A signed-in session: a short-lived access token, the refresh token that renews it (shown to the
 * client only here), and who signed in with which tenants.
 */
public record Session(AccessTokens.Issued accessToken, String refreshToken, Account account) {

    @Override
    public String toString() {
        return "Session[user=" + account.user().id() + "]";
    }
}
