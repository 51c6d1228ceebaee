package io.tillbridge.connector.spi;

/**
 * Where a connection's OAuth2 tokens are kept. Refresh tokens may rotate (a used one is refused
 * with {@code invalid_grant}), so a refresh happens once at a time per connection, and a caller
 * whose token another caller has already replaced gets the new one instead of refreshing again.
 * Thread-safe.
 */
public interface OAuthTokenStore {

    /** Calls the provider's token endpoint with a refresh token; the connector knows how. */
    @FunctionalInterface
    interface TokenExchange {

        /**
         * Exchanges the refresh token for new tokens. When the answer has no refresh token, the
         * old one is kept.
         *
         * @throws ConnectorException AUTH when the refresh token is refused, TRANSIENT when the
         *     endpoint cannot be reached
         */
        OAuthTokens exchange(String refreshToken);
    }

    /** The tokens as last stored. */
    OAuthTokens current();

    /**
     * Replaces {@code staleAccessToken}: if the stored access token is still that one (or there is
     * none), calls {@code exchange} with the stored refresh token and stores the result; if another
     * caller has replaced it meanwhile, returns the stored tokens without calling the endpoint.
     *
     * @param staleAccessToken the access token that was refused or has expired; null when the
     *     caller had none
     */
    OAuthTokens refresh(String staleAccessToken, TokenExchange exchange);
}
