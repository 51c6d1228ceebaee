package io.tillbridge.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DatabaseRoles;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.platform.Platform;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.WarehouseSandbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The platform as the load benchmarks run it (BENCHMARKS.md): a database of its own, created and
 * migrated on the PostgreSQL of {@code <name>.url} / {@code <name>.user} (default postgres at
 * 127.0.0.1:5432) with roles {@code <name>_owner} and {@code <name>_app}, and one process with the
 * API on a free loopback port and the worker role, with the given settings over the benchmarks'
 * defaults (no scheduler, no rate limits on the API, loopback allowed as egress so that sandboxes
 * and warehouse forwarders on 127.0.0.1 can be reached). Tenants are inserted directly and act
 * through a system actor with every permission. {@link #close()} closes the platform, removes the
 * warehouse schemas and their roles, and drops the database (unless {@code <name>.drop=false}).
 */
public final class BenchPlatform implements AutoCloseable {

    private final String name;
    private final JdbcTarget admin;
    private final String database;
    private final DatabaseBootstrap.Prepared db;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final List<WarehouseSandbox> warehouses = new ArrayList<>();

    private BenchPlatform(String name, Map<String, Object> settings) {
        this.name = name;
        this.database = System.getProperty(name + ".database", "tillbridge_" + name + "_" + System.currentTimeMillis());
        this.admin = new JdbcTarget(System.getProperty(name + ".url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                System.getProperty(name + ".user", "postgres"), System.getProperty(name + ".password", ""));
        this.db = DatabaseBootstrap.provision(admin, database, new DatabaseRoles(name + "_owner",
                name + "-owner-password", name + "_app", name + "-app-password"));
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", db.app().url());
        p.put("datasources.default.username", db.app().user());
        p.put("datasources.default.password", db.app().password());
        p.put("datasources.default.maximum-pool-size", 20);
        p.put(Platform.JWT_SECRET_PROPERTY, TestDatabaseProperties.TEST_JWT_SECRET);
        p.put("tillbridge.secrets.kek", TestDatabaseProperties.TEST_KEK);
        p.put("tillbridge.scheduler.auto-start", "false");
        p.put("tillbridge.rate-limits.anonymous.enabled", "false");
        p.put("tillbridge.rate-limits.enabled", "false");
        // The sandboxes and the warehouse forwarders listen on loopback, as vendors and warehouses
        // elsewhere would: allowed, as an operator allows a range.
        p.put("tillbridge.egress.allow", "127.0.0.0/8");
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("micronaut.server.port", "-1");
        p.putAll(settings);
        this.context = ApplicationContext.builder().deduceEnvironment(false).properties(p).start();
        this.server = context.getBean(EmbeddedServer.class);
        server.start();
        String publicUrl = "http://127.0.0.1:" + server.getPort();
        System.setProperty("tillbridge.public-url", publicUrl);
        context.getEnvironment().addPropertySource(PropertySource.of(name, Map.of("tillbridge.public-url", publicUrl)));
    }

    /**
     * Provisions the database and starts the platform with {@code settings} (Micronaut properties)
     * over the defaults; {@code name} names the database, its roles and the system properties read.
     */
    public static BenchPlatform start(String name, Map<String, Object> settings) {
        return new BenchPlatform(name, settings);
    }

    public ApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The name of the database the platform runs on. */
    public String database() {
        return database;
    }

    /** The role the platform connects to its database as. */
    public String appRole() {
        return db.app().user();
    }

    /** A superuser connection target of the platform's database (it sees every tenant's rows). */
    public JdbcTarget admin() {
        return admin.withDatabase(database);
    }

    /** A setting of the running platform as text, or {@code otherwise}. */
    public String setting(String property, String otherwise) {
        return context.getProperty(property, String.class).orElse(otherwise);
    }

    /** A new tenant and a scope of it with every permission, acting as the benchmark. */
    public TenantScope tenant(int index) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.owner().connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tenants (id, slug, name) VALUES (?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, name + "-" + index + "-" + id.toString().substring(0, 8));
            ps.setString(3, name.toUpperCase() + " tenant " + index);
            ps.execute();
        }
        return new TenantScope(new TenantId(id), Actor.system(name + "-bench"), Set.of(Permission.values()),
                Optional.empty());
    }

    /** A warehouse schema in the platform's database, reached through a loopback forwarder; closed with the platform. */
    public synchronized WarehouseSandbox warehouse() {
        WarehouseSandbox warehouse = new WarehouseSandbox(admin());
        warehouses.add(warehouse);
        return warehouse;
    }

    /** A connection of the tenant; answers its id. */
    public UUID connection(TenantScope scope, String connector, String label, Map<String, Object> config) {
        return bean(ConnectionService.class).create(scope, new ConnectionDraft(connector, label, config)).id();
    }

    @Override
    public void close() throws SQLException {
        try {
            context.close();
        } finally {
            for (WarehouseSandbox warehouse : warehouses) {
                try {
                    warehouse.close();
                } catch (RuntimeException e) {
                    System.err.println(name + ": a warehouse schema was not removed: " + e.getMessage());
                }
            }
            if (Boolean.parseBoolean(System.getProperty(name + ".drop", "true"))) {
                try (Connection c = admin.connect(); PreparedStatement ps = c.prepareStatement(
                        "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)")) {
                    ps.execute();
                }
            }
        }
    }
}
