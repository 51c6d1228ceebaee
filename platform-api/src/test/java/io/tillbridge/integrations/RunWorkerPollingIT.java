package io.tillbridge.integrations;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.access.TenantRole;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.ApiClient;
import io.tillbridge.tenants.ApiClient.Response;
import io.tillbridge.tenants.TenantFixture.User;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker role polling on its own: a manual run started through the API finishes without a test's help. */
@MicronautTest(transactional = false)
class RunWorkerPollingIT extends TestDatabaseProperties {

    private static final String TOKEN = "tok-Poll3-never-shown-77cd";

    @Inject
    EmbeddedServer server;

    @Inject
    AccessTokens tokens;

    @Inject
    JsonMapper json;

    private ApiClient api;
    private HttpServer vendor;
    private JdbcTarget admin;
    private String schema;
    private String password;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.worker.polling", "true", "tillbridge.worker.poll-interval", "100ms");
    }

    @BeforeAll
    void a_fake_orders_api_and_a_warehouse_schema() throws IOException {
        api = new ApiClient(server, tokens, json);
        vendor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendor.createContext("/orders", exchange -> {
            boolean authorised = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorised ? "[{\"id\":\"a\",\"total\":\"1.00\"},{\"id\":\"b\",\"total\":\"2.00\"}]"
                    : "{\"error\":\"invalid token\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        vendor.start();
        TestDatabase database = TestDatabase.shared();
        admin = database.admin().withDatabase(database.databaseName());
        schema = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        password = UUID.randomUUID().toString();
        execute("CREATE ROLE " + schema + " LOGIN PASSWORD '" + password + "'");
        execute("GRANT CONNECT ON DATABASE " + database.databaseName() + " TO " + schema);
        execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema);
    }

    @AfterAll
    void stop_the_fake_and_drop_the_schema() {
        vendor.stop(0);
        execute("DROP SCHEMA " + schema + " CASCADE");
        execute("DROP OWNED BY " + schema);
        execute("DROP ROLE " + schema);
    }

    @Test
    void a_manual_run_is_picked_up_and_finished_by_the_polling_worker() throws InterruptedException {
        UUID tenant = newTenant("Polling Deli");
        User owner = newMember(tenant, TenantRole.OWNER);
        String base = "/api/v1/tenants/" + tenant;
        String source = created(api.post(owner, base + "/connections", Map.of("connectorId", "http-json", "name", "Till",
                "config", Map.of("url", "http://127.0.0.1:" + vendor.getAddress().getPort() + "/orders",
                        "bearerToken", TOKEN, "maxRetries", 0, "timeoutSeconds", 5))));
        String target = created(api.post(owner, base + "/connections", Map.of("connectorId", "postgres-warehouse",
                "name", "Warehouse", "config", Map.of("jdbcUrl", admin.url(), "user", schema, "password", password,
                        "schema", schema))));
        String integration = created(api.post(owner, base + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source, "sourceStream", "records", "targetConnectionId", target,
                "targetObject", "orders")));
        Response started = api.post(owner, base + "/integrations/" + integration + "/runs", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location").orElseThrow();

        Map<String, Object> run = Map.of();
        for (int i = 0; i < 300; i++) {
            run = api.get(owner, location).json();
            if (List.of("succeeded", "failed", "cancelled").contains(run.get("status"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0));
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private void execute(String sql) {
        try (Connection c = admin.connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
