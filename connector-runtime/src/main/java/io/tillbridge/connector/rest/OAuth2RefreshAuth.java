package io.tillbridge.connector.rest;

import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth2 bearer auth with the refresh-token grant (RFC 6749, section 6): sends the stored access
 * token, refreshes first when there is none or it is about to expire, and after a 401 refreshes
 * the token that was refused. Refreshes go through the {@link OAuthTokenStore}, which makes them
 * happen once at a time per connection and reuses a token another run obtained meanwhile.
 */
public final class OAuth2RefreshAuth implements RequestAuth {

    /** An access token this close to its expiry is refreshed before use. */
    static final long EXPIRY_MARGIN_SECONDS = 30;

    private final OAuthTokenStore store;
    private final OAuthTokenStore.TokenExchange exchange;
    private final Clock clock;
    private String inUse;

    public OAuth2RefreshAuth(OAuthTokenStore store, OAuthTokenStore.TokenExchange exchange, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, String> headers() {
        OAuthTokens tokens = store.current();
        if (tokens.needsRefresh(clock.instant(), EXPIRY_MARGIN_SECONDS)) {
            tokens = store.refresh(tokens.accessToken(), exchange);
        }
        inUse = tokens.accessToken();
        return Map.of("Authorization", "Bearer " + inUse);
    }

    @Override
    public boolean renew() {
        OAuthTokens tokens = store.refresh(inUse, exchange);
        return tokens.accessToken() != null && !tokens.accessToken().equals(inUse);
    }
}
