package io.tillbridge.connections;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's egress policy for every connector it runs (DD-017): public addresses only, plus
 * what the operator allows ({@code tillbridge.egress.allow}, comma-separated host names,
 * {@code *.domain}s, addresses and CIDR ranges), and never the platform's own database (every host
 * of the datasource URL and of {@code tillbridge.database.url}, at its port) nor its own listening
 * ports (the API, as started; the portal, as registered by the launcher; a management port if one is
 * configured) on any local address.
 */
@Singleton
public class PlatformEgress implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformEgress.class);

    private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();
    private final EgressPolicy policy;
    private final String allow;
    private final long maxResponseBytes;
    /** Connections granted one database endpoint of the platform's server (the demo's warehouse, DD-041). */
    private final Map<String, EgressPolicy> databaseGrants = new ConcurrentHashMap<>();

    public PlatformEgress(@Value("${tillbridge.egress.allow:}") String allow,
            @Value("${tillbridge.egress.max-response-bytes:16777216}") long maxResponseBytes,
            @Value("${datasources.default.url:}") String datasourceUrl,
            @Value("${tillbridge.database.url:}") String ownerUrl,
            @Value("${micronaut.server.port:-1}") int apiPort,
            @Value("${tillbridge.portal.port:0}") int portalPort,
            @Value("${endpoints.all.port:0}") int managementPort) {
        this.allow = allow;
        this.maxResponseBytes = maxResponseBytes;
        EgressPolicy.Builder builder = EgressPolicy.builder().maxResponseBytes(maxResponseBytes);
        try {
            builder.allowList(allow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tillbridge.egress.allow: " + e.getMessage(), e);
        }
        databaseEndpoints(builder, datasourceUrl);
        databaseEndpoints(builder, ownerUrl);
        for (int port : new int[] {apiPort, portalPort, managementPort}) {
            if (port > 0) {
                ownPorts.add(port);
            }
        }
        this.policy = builder.platformPorts(() -> Set.copyOf(ownPorts)).build();
        if (!allow.isBlank()) {
            LOG.info("Connectors may also reach: {}", allow);
        }
    }

    /** The policy lent to every connector through {@link ConnectorContexts}. */
    public EgressPolicy policy() {
        return policy;
    }

    /**
     * Lets one connection reach one database endpoint on the platform's own database server: the demo
     * tenant's warehouse, a database of its own whose role may connect to nothing else (DD-041). The
     * connection's policy is the platform's without the refusal of that server, plus exactly
     * {@code address:port}; the platform's ports stay refused and nothing else of loopback or private
     * ranges is opened. Only the launcher grants this, for the connection it created itself.
     *
     * @param addresses the IP address literals of the database server
     */
    public void grantDatabase(TenantId tenant, UUID connectionId, java.util.List<String> addresses, int port) {
        EgressPolicy.Builder builder = EgressPolicy.builder().maxResponseBytes(maxResponseBytes).allowList(allow)
                .platformPorts(() -> Set.copyOf(ownPorts));
        addresses.forEach(address -> builder.allowEndpoint(address, port));
        databaseGrants.put(tenant + "/" + connectionId, builder.build());
        LOG.info("Connection {} of tenant {} may reach the database at {} port {}", connectionId, tenant, addresses, port);
    }

    /** The policy of one connection: a granted database endpoint's (see {@link #grantDatabase}) or the platform's. */
    public EgressPolicy policy(TenantId tenant, UUID connectionId) {
        return databaseGrants.getOrDefault(tenant + "/" + connectionId, policy);
    }

    /** Refuses one more port of this process (the portal's, once the launcher knows it). */
    public void ownPort(int port) {
        if (port > 0) {
            ownPorts.add(port);
        }
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        ownPort(event.getSource().getPort());
    }

    private static void databaseEndpoints(EgressPolicy.Builder builder, String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return;
        }
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            return;
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        for (int i = 0; i < hosts.length; i++) {
            try {
                builder.platformDatabase(hosts[i].trim(), Integer.parseInt(ports[Math.min(i, ports.length - 1)].trim()));
            } catch (NumberFormatException ignored) {
                // A URL the platform itself could not use; nothing to protect there.
            }
        }
    }
}
