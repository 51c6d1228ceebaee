package io.tillbridge.vendorhooks.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.credentials.Secret;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DatabaseRoles;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.platform.Platform;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.vendorhooks.VendorHookRoute;
import io.tillbridge.vendorhooks.VendorHookService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * G7's server process (BENCHMARKS.md): provisions and migrates a database of its own
 * ({@code -Dg7.database}), starts the API on a free loopback port with the same-run baseline route,
 * creates a tenant with a Square connection, its vendor webhook route with a known signing secret
 * and one live integration reading {@code orders} from it (so each event also queues changes and a
 * coalesced run, as in production; no worker drains them), writes where to send and with which key
 * to {@code -Dg7.ready}, and serves until it is killed.
 */
public final class G7Server {

    static final String KEY = "g7-square-signature-key";

    private G7Server() {
    }

    public static void main(String[] args) throws Exception {
        String database = System.getProperty("g7.database", "tillbridge_g7");
        Path ready = Path.of(System.getProperty("g7.ready", "g7-ready.properties"));
        JdbcTarget admin = new JdbcTarget(System.getProperty("g7.url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                System.getProperty("g7.user", "postgres"), System.getProperty("g7.password", ""));
        DatabaseBootstrap.Prepared db = DatabaseBootstrap.provision(admin, database,
                new DatabaseRoles("g7_owner", "g7-owner-password", "g7_app", "g7-app-password"));
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", db.app().url());
        p.put("datasources.default.username", db.app().user());
        p.put("datasources.default.password", db.app().password());
        p.put("datasources.default.maximum-pool-size", Integer.getInteger("g7.pool", 20));
        p.put(Platform.JWT_SECRET_PROPERTY, TestDatabaseProperties.TEST_JWT_SECRET);
        p.put("tillbridge.secrets.kek", TestDatabaseProperties.TEST_KEK);
        p.put("tillbridge.worker.polling", "false");
        p.put("tillbridge.scheduler.auto-start", "false");
        p.put("tillbridge.rate-limits.anonymous.enabled", "false");
        p.put("tillbridge.rate-limits.enabled", "false");
        p.put("tillbridge.bench.g7", "true");
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("micronaut.server.port", "-1");
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(p).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        String base = "http://127.0.0.1:" + server.getPort();
        p.clear();

        UUID tenant = UUID.randomUUID();
        UUID connection = UUID.randomUUID();
        UUID target = UUID.randomUUID();
        try (Connection c = db.owner().connect()) {
            exec(c, "INSERT INTO tenants (id, slug, name) VALUES (?, ?, 'G7 Bench')", tenant, "g7-" + tenant);
        }
        TenantId tenantId = new TenantId(tenant);
        SecretVault vault = context.getBean(SecretVault.class);
        context.getBean(TenantTransactions.class).write(tenantId, c -> {
            exec(c, "INSERT INTO connections (tenant_id, id, connector_id, name, config) VALUES (?, ?, 'square',"
                    + " 'Square', ?::jsonb)", tenant, connection, "{\"baseUrl\":\"http://127.0.0.1:9\"}");
            vault.put(c, tenantId, connection, "accessToken", Secret.of("g7-token"));
            exec(c, "INSERT INTO connections (tenant_id, id, connector_id, name, config) VALUES (?, ?,"
                    + " 'postgres-warehouse', 'Warehouse', '{}'::jsonb)", tenant, target);
            for (int i = 0; i < Integer.getInteger("g7.integrations", 1); i++) {
                exec(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                        + " target_connection_id, target_object, mode) VALUES (?, ?, 'G7', ?, 'orders', ?, 'orders',"
                        + " 'live')", tenant, UUID.randomUUID(), connection, target);
            }
            return null;
        });
        TenantScope scope = new TenantScope(tenantId, Actor.system("g7-bench"), Set.of(Permission.values()),
                Optional.empty());
        VendorHookRoute route = context.getBean(VendorHookService.class).enterSecret(scope, connection, KEY);
        String routeUrl = base + VendorHookService.PATH + route.id();
        Files.writeString(ready, "route=" + routeUrl + "\nsign=" + route.url() + "\nbaseline=" + base + "/bench/ok"
                + "\nkey=" + KEY + "\ndatabase=" + database + "\npid=" + ProcessHandle.current().pid() + "\n");
        System.out.println("G7 server ready: " + routeUrl);
        Thread.currentThread().join();
    }

    private static void exec(Connection c, String sql, Object... parameters) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        }
    }
}
