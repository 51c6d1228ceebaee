package io.tillbridge.integrations;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.Await;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backlog drains at the speed of the runs, not one poll interval at a time: with a long poll
 * interval and one claim per poll, eight runs of eight tenants queued at once all finish well
 * before eight intervals have passed, because an ended run and a full poll poll again at once.
 */
@MicronautTest(transactional = false)
class RunWorkerBacklogIT extends TestDatabaseProperties {

    private static final Duration INTERVAL = Duration.ofSeconds(4);
    private static final int RUNS = 8;

    @Inject
    ApiClient api;

    private ScriptedApi vendor;
    private WarehouseSandbox warehouse;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.worker.polling", "true", "tillbridge.worker.poll-interval", INTERVAL.toMillis() + "ms",
                "tillbridge.worker.max-runs-per-poll", "1", "tillbridge.worker.threads", "4");
    }

    @BeforeAll
    void a_fake_orders_api_and_a_warehouse_schema() throws IOException {
        vendor = ScriptedApi.start().route("/orders", request -> Reply.ok("[{\"id\":\"a\",\"total\":\"1.00\"}]"));
        warehouse = WarehouseSandbox.inTestDatabase();
    }

    @AfterAll
    void stop() {
        vendor.close();
        warehouse.close();
    }

    @Test
    void eight_queued_runs_finish_long_before_eight_poll_intervals() {
        List<String> runs = new ArrayList<>();
        List<User> owners = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            UUID tenant = newTenant("Backlog Deli " + i);
            User owner = newMember(tenant, TenantRole.OWNER);
            owners.add(owner);
            runs.add(queueRun(owner, "/api/v1/tenants/" + tenant));
        }
        long queued = System.nanoTime();

        for (int i = 0; i < RUNS; i++) {
            User owner = owners.get(i);
            String location = runs.get(i);
            Await.until(INTERVAL.multipliedBy(RUNS), "run " + i + " to succeed", () -> api.get(owner, location).json(),
                    r -> "succeeded".equals(r.get("status")));
        }

        Duration took = Duration.ofNanos(System.nanoTime() - queued);
        assertThat(took).as("all %d runs done; one claim per %s poll would need %s", RUNS, INTERVAL,
                INTERVAL.multipliedBy(RUNS)).isLessThan(INTERVAL.multipliedBy(RUNS / 2));
    }

    private String queueRun(User owner, String base) {
        String source = created(api.post(owner, base + "/connections", Map.of("connectorId", "http-json", "name", "Till",
                "config", Map.of("url", vendor.url("/orders"), "maxRetries", 0, "timeoutSeconds", 5))));
        String target = created(api.post(owner, base + "/connections", Map.of("connectorId", "postgres-warehouse",
                "name", "Warehouse", "config", Map.of("jdbcUrl", warehouse.url(), "user", warehouse.schema(),
                        "password", warehouse.password(), "schema", warehouse.schema()))));
        String integration = created(api.post(owner, base + "/integrations", Map.of("name", "Orders " + UUID.randomUUID(),
                "sourceConnectionId", source, "sourceStream", "records", "targetConnectionId", target,
                "targetObject", "orders_" + UUID.randomUUID().toString().substring(0, 8), "mode", "live")));
        Response started = api.post(owner, base + "/integrations/" + integration + "/runs", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.header("Location").orElseThrow();
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }
}
