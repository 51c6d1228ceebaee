package io.tillbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.platform.Platform;
import io.tillbridge.platform.PlatformRole;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.Await;
import io.tillbridge.testing.WarehouseSandbox;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The public API of the platform under test, in this JVM with only the {@code api} role (no
 * worker, so every run is executed by the worker processes), against the given database. Seeds a
 * tenant and its owner with SQL, then does everything else as that owner over HTTP: connections,
 * integrations, manual runs, run history.
 */
final class PlatformApi implements AutoCloseable {

    /** Token signing secret shared with the worker processes. */
    static final String JWT_SECRET = "fault-suite-signing-secret-0123456789abcdef";
    /** The secrets vault's key, shared with the worker processes so that they can decrypt connection secrets. */
    static final String KEK = "fault-kek-1:" + Base64.getEncoder().encodeToString(
            "tillbridge-fault-suite-kek-01234".getBytes(StandardCharsets.US_ASCII));
    private static final List<String> FINAL = List.of("succeeded", "failed", "cancelled");

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final ApiClient client;
    private final JdbcTarget owner;

    private PlatformApi(ApplicationContext context, EmbeddedServer server, JdbcTarget owner) {
        this.context = context;
        this.server = server;
        this.client = new ApiClient(server, context.getBean(AccessTokens.class), context.getBean(JsonMapper.class));
        this.owner = owner;
    }

    static PlatformApi start(JdbcTarget owner, JdbcTarget app) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", app.url());
        p.put("datasources.default.username", app.user());
        p.put("datasources.default.password", app.password());
        p.put("datasources.default.maximum-pool-size", 4);
        p.put(Platform.JWT_SECRET_PROPERTY, JWT_SECRET);
        p.put("tillbridge.secrets.kek", KEK);
        // The test drives the API hard (polling run history); quotas are not what is tested here.
        p.put("tillbridge.rate-limits.enabled", false);
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("tillbridge.egress.allow", "127.0.0.0/8");
        p.put("micronaut.server.port", -1);
        for (PlatformRole role : PlatformRole.values()) {
            p.put(role.property(), role == PlatformRole.API);
        }
        ApplicationContext context = ApplicationContext.builder().banner(false).deduceEnvironment(false)
                .properties(p).start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return new PlatformApi(context, server, owner);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** A tenant with an owner, seeded as the database owner. */
    Tenant newTenant(String name) {
        UUID tenant = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String email = "owner-" + user.toString().substring(0, 12) + "@example.test";
        try (Connection c = owner.connect()) {
            update(c, "INSERT INTO tenants (id, slug, name) VALUES (?, ?, ?)", tenant, "t-" + tenant.toString().substring(0, 13), name);
            update(c, "INSERT INTO users (id, email, display_name, email_verified_at) VALUES (?, ?, ?, now())",
                    user, email, "Owner");
            update(c, "INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, 'owner')", tenant, user);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Tenant(tenant, new Owner(user, email));
    }

    /** A tenant, and what its owner does through the API. */
    final class Tenant {
        final UUID id;
        private final ApiClient.Account owner;

        private Tenant(UUID id, ApiClient.Account owner) {
            this.id = id;
            this.owner = owner;
        }

        private String base() {
            return "/api/v1/tenants/" + id;
        }

        /** An http-json source connection on one dataset of the fake orders API. */
        String source(String url) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("url", url);
            config.put("bearerToken", FaultyOrdersApi.TOKEN);
            config.put("recordsPointer", "/data");
            config.put("pagination", "PAGE_NUMBER");
            config.put("updatedAtPointer", "/updated_at");
            config.put("timeoutSeconds", 10);
            config.put("maxRetries", 4);
            return created(post(base() + "/connections",
                    Map.of("connectorId", "http-json", "name", "Till API", "config", config)));
        }

        /** A postgres-warehouse target connection into the sandbox's schema. */
        String target(WarehouseSandbox warehouse) {
            return created(post(base() + "/connections",
                    Map.of("connectorId", "postgres-warehouse", "name", "Warehouse", "config", warehouse.targetConfig(30))));
        }

        String integration(String source, String target, String table) {
            return created(post(base() + "/integrations", Map.of("name", "Orders " + table, "sourceConnectionId", source,
                    "sourceStream", "records", "targetConnectionId", target, "targetObject", table, "mode", "live")));
        }

        /** Starts a manual run; answers its id. */
        UUID startRun(String integration) {
            Map<String, Object> started = call("POST", base() + "/integrations/" + integration + "/runs", null, 202);
            return UUID.fromString((String) started.get("runId"));
        }

        /** The run's detail: status, attempt, counts, events. */
        RunDetail run(UUID runId) {
            return new RunDetail(call("GET", base() + "/runs/" + runId, null, 200));
        }

        /** Waits until the run is succeeded, failed or cancelled. */
        RunDetail awaitFinal(UUID runId, Duration timeout) {
            return Await.until(timeout, "run " + runId + " to finish", () -> run(runId), run -> FINAL.contains(run.status()));
        }

        /** Waits until the run has committed at least {@code records} records (failing at once if it ends short). */
        RunDetail awaitCommitted(UUID runId, long records, Duration timeout) {
            RunDetail run = Await.until(timeout, "run " + runId + " to commit " + records + " records", () -> run(runId),
                    seen -> seen.read() >= records || FINAL.contains(seen.status()));
            assertThat(run.read()).as("run " + runId + " did not commit " + records + " records: " + run)
                    .isGreaterThanOrEqualTo(records);
            return run;
        }

        /** Creates the integration's webhook endpoint; answers its id and its signing secret. */
        Map<String, Object> webhookEndpoint(String integration) {
            return post(base() + "/integrations/" + integration + "/webhook", Map.of());
        }

        /** A GET as the owner, whatever its status. */
        ApiClient.Response get(String path) {
            return client.get(owner, base() + path);
        }

        private Map<String, Object> post(String path, Object body) {
            return call("POST", path, body, 201);
        }

        private Map<String, Object> call(String method, String path, Object body, int expected) {
            ApiClient.Response response = client.send(owner, method, path, body);
            assertThat(response.status()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
            return response.json();
        }
    }

    /** The API as a client sees it. */
    ApiClient client() {
        return client;
    }

    private static String created(Map<String, Object> body) {
        return (String) body.get("id");
    }

    /** A tenant's owner, seeded with SQL. */
    private record Owner(UUID id, String email) implements ApiClient.Account {
    }

    /** The dispatch state of a run ({@code run_queue}, a platform table): who holds it, at which attempt. */
    record Lease(String owner, int attempt, String status) {
    }

    Lease lease(UUID runId) {
        try (Connection c = owner.connect();
                PreparedStatement ps = c.prepareStatement("SELECT lease_owner, attempt, status FROM run_queue WHERE run_id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no run " + runId + " in the queue");
                }
                return new Lease(rs.getString(1), rs.getInt(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
        if (context.isRunning()) {
            context.close();
        }
    }
}
