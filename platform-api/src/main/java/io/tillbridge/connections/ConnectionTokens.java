package io.tillbridge.connections;

import io.micronaut.data.exceptions.DataAccessException;
import io.tillbridge.connections.internal.ConnectionCheckRows;
import io.tillbridge.connections.internal.TokenLocks;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.credentials.Secret;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth2 tokens of connections, kept in the vault beside the connection's secrets under
 * reserved field names ({@value #ACCESS_TOKEN}, {@value #REFRESH_TOKEN}) that are not config
 * fields: never shown, bound or audited. The first refresh starts from the tokens in the
 * connection's config; a changed config secret (the merchant connected again) drops the kept ones.
 *
 * <p>A refresh is single-flight per connection across processes: one transaction of the tenant
 * takes {@code pg_advisory_xact_lock} on the connection, re-reads the stored tokens and, if another
 * run replaced the stale access token meanwhile, returns that one without calling the token
 * endpoint; otherwise it calls it and stores the new access and refresh tokens before the commit
 * releases the lock. A rotated refresh token is therefore used exactly once. Tokens are never logged.
 */
@Singleton
public class ConnectionTokens {

    /** Vault field of the kept access token. */
    public static final String ACCESS_TOKEN = "oauth:access_token";
    /** Vault field of the kept refresh token. */
    public static final String REFRESH_TOKEN = "oauth:refresh_token";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTokens.class);

    private final TenantTransactions transactions;
    private final SecretVault vault;

    public ConnectionTokens(TenantTransactions transactions, SecretVault vault) {
        this.transactions = transactions;
        this.vault = vault;
    }

    /** Whether a vault field holds kept tokens rather than a config field. */
    public static boolean isKeptToken(String field) {
        return field.startsWith("oauth:");
    }

    /** The token store of one connection; {@code initial} comes from its config. */
    public OAuthTokenStore store(TenantId tenant, UUID connectionId, OAuthTokens initial) {
        return new Store(tenant, connectionId, Objects.requireNonNull(initial, "initial"));
    }

    /** Drops the kept tokens, in the caller's transaction: the next refresh starts from the config. */
    void forget(Connection c, TenantId tenant, UUID connectionId) throws SQLException {
        vault.remove(c, tenant, connectionId, ACCESS_TOKEN);
        vault.remove(c, tenant, connectionId, REFRESH_TOKEN);
    }

    private final class Store implements OAuthTokenStore {

        private final TenantId tenant;
        private final UUID connectionId;
        private final OAuthTokens initial;
        private volatile OAuthTokens cached;

        Store(TenantId tenant, UUID connectionId, OAuthTokens initial) {
            this.tenant = tenant;
            this.connectionId = connectionId;
            this.initial = initial;
        }

        @Override
        public OAuthTokens current() {
            OAuthTokens tokens = cached;
            if (tokens == null) {
                tokens = database(() -> transactions.read(tenant, this::stored));
                cached = tokens;
            }
            return tokens;
        }

        @Override
        public OAuthTokens refresh(String staleAccessToken, TokenExchange exchange) {
            OAuthTokens tokens = database(() -> transactions.write(tenant, c -> {
                TokenLocks.lock(c, tenant, connectionId);
                OAuthTokens stored = stored(c);
                if (stored.accessToken() != null && !stored.accessToken().equals(staleAccessToken)) {
                    // Another run refreshed while this one waited for the lock: its token is the current one.
                    return stored;
                }
                OAuthTokens fresh = exchange.exchange(stored.refreshToken());
                String refreshToken = fresh.refreshToken() == null ? stored.refreshToken() : fresh.refreshToken();
                vault.put(c, tenant, connectionId, ACCESS_TOKEN, Secret.of(fresh.accessToken()));
                if (refreshToken != null) {
                    vault.put(c, tenant, connectionId, REFRESH_TOKEN, Secret.of(refreshToken));
                }
                // Without a refresh token the access ends when this token expires: health warns before.
                ConnectionCheckRows.accessExpiry(c, connectionId, refreshToken == null ? fresh.expiresAt() : null);
                LOG.info("Connection {}: access token refreshed{}", connectionId,
                        fresh.refreshToken() == null ? "" : "; the refresh token rotated");
                return new OAuthTokens(fresh.accessToken(), refreshToken, fresh.expiresAt());
            }));
            cached = tokens;
            return tokens;
        }

        private OAuthTokens stored(Connection c) throws SQLException {
            Map<String, Secret> secrets = vault.open(c, tenant, connectionId);
            Secret access = secrets.get(ACCESS_TOKEN);
            Secret refresh = secrets.get(REFRESH_TOKEN);
            if (access == null && refresh == null) {
                return initial;
            }
            return new OAuthTokens(access == null ? null : access.reveal(),
                    refresh == null ? initial.refreshToken() : refresh.reveal(), null);
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T database(Call<T> call) {
        try {
            return call.run();
        } catch (DataAccessException e) {
            throw new ConnectorException(Category.TRANSIENT, "the connection's tokens cannot be read or stored: "
                    + "the database is unavailable");
        }
    }
}
