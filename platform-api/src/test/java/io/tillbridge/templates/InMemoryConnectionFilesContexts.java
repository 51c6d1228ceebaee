package io.tillbridge.templates;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.tillbridge.connections.ConnectionTokens;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.connections.SandboxConnections;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.InMemoryConnectionFiles;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.quotas.ProviderQuotas;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's connector contexts with each connection's files kept in this process's memory
 * ({@link InMemoryConnectionFiles}), for the spreadsheet templates' end-to-end test in a build
 * where the platform does not keep connection files yet: everything else (quotas, tokens, egress,
 * sandboxes) is the platform's own. Only in contexts with {@code tillbridge.test.connection-files=memory}.
 */
@Singleton
@Replaces(ConnectorContexts.class)
@Requires(property = InMemoryConnectionFilesContexts.PROPERTY, value = "memory")
class InMemoryConnectionFilesContexts extends ConnectorContexts {

    static final String PROPERTY = "tillbridge.test.connection-files";

    private final Map<UUID, InMemoryConnectionFiles> files = new ConcurrentHashMap<>();

    InMemoryConnectionFilesContexts(ProviderQuotas quotas, ConnectionTokens tokens, PlatformEgress egress,
            SandboxConnections sandboxes) {
        super(quotas, tokens, egress, sandboxes);
    }

    /** The files of a connection, as its connectors stored them. */
    InMemoryConnectionFiles files(UUID connectionId) {
        return files.computeIfAbsent(connectionId, id -> new InMemoryConnectionFiles());
    }

    @Override
    public ConnectorContext of(TenantId tenant, UUID connectionId) {
        ConnectorContext platform = super.of(tenant, connectionId);
        return new ConnectorContext() {
            @Override
            public CallGate gate(String provider, String account) {
                return platform.gate(provider, account);
            }

            @Override
            public OAuthTokenStore oauthTokens(OAuthTokens initial) {
                return platform.oauthTokens(initial);
            }

            @Override
            public EgressPolicy egress() {
                return platform.egress();
            }

            @Override
            public ConnectionFiles files() {
                return InMemoryConnectionFilesContexts.this.files(connectionId);
            }
        };
    }
}
