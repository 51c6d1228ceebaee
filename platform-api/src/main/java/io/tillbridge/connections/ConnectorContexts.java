package io.tillbridge.connections;

import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.files.ConnectionFileStores;
import io.tillbridge.quotas.ProviderQuotas;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The platform's {@link ConnectorContext} for a connection: request gates shared through the
 * database by every run of every process ({@link ProviderQuotas}), and the connection's OAuth2
 * tokens kept in the vault and refreshed once at a time ({@link ConnectionTokens}). A gate whose
 * account the connector does not name counts per connection. Every connection a connector opens
 * obeys the platform's egress policy ({@link PlatformEgress}); a sandbox connection's may also reach
 * its sandbox ({@link SandboxConnections}). The connection's files (uploads to read, output rows to
 * write) are kept in the platform's database ({@link ConnectionFileStores}, DD-038).
 */
@Singleton
public class ConnectorContexts {

    private final ProviderQuotas quotas;
    private final ConnectionTokens tokens;
    private final PlatformEgress egress;
    private final SandboxConnections sandboxes;
    private final ConnectionFileStores files;

    public ConnectorContexts(ProviderQuotas quotas, ConnectionTokens tokens, PlatformEgress egress,
            SandboxConnections sandboxes, ConnectionFileStores files) {
        this.files = files;
        this.quotas = quotas;
        this.tokens = tokens;
        this.egress = egress;
        this.sandboxes = sandboxes;
    }

    /** The context of one connection of a tenant. */
    public ConnectorContext of(TenantId tenant, UUID connectionId) {
        return new ConnectorContext() {
            @Override
            public CallGate gate(String provider, String account) {
                return quotas.gate(provider, account == null || account.isBlank()
                        ? "connection:" + tenant + "/" + connectionId : "account:" + tenant + "/" + account);
            }

            @Override
            public OAuthTokenStore oauthTokens(OAuthTokens initial) {
                return tokens.store(tenant, connectionId, initial);
            }

            /**
             * The platform's egress policy (DD-017), the same for every tenant; for a sandbox
             * connection, that policy plus its running sandbox's loopback address and port (DD-029).
             */
            @Override
            public EgressPolicy egress() {
                return sandboxes.egress(tenant, connectionId).orElseGet(() -> egress.policy(tenant, connectionId));
            }

            /** The connection's uploads and output rows, in the platform's database, scoped to this connection. */
            @Override
            public ConnectionFiles files() {
                return files.of(tenant, connectionId);
            }
        };
    }

    /**
     * Hands a new connector instance the context of the bound connection, if it takes one, before
     * any other call; returns the instance.
     */
    public <T> T lend(T connector, BoundConfig bound) {
        if (connector instanceof ContextAware aware) {
            aware.useContext(of(bound.tenant(), bound.connectionId()));
        }
        return connector;
    }
}
