package io.tillbridge.integrations;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.engine.RunWorker;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worker role polling on its own: a manual run started through the API finishes without a
 * test's help; a worker that stops mid-run leaves the run to be taken over from its last checkpoint.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunWorkerPollingIT extends TestDatabaseProperties {

    private static final String TOKEN = "tok-Poll3-never-shown-77cd";

    @Inject
    RunWorker worker;

    @Inject
    RunLeases queue;

    @Inject
    ApiClient api;

    private ScriptedApi vendor;
    private WarehouseSandbox warehouse;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.worker.polling", "true", "tillbridge.worker.poll-interval", "100ms",
                "tillbridge.worker.lease", "2s");
    }

    @BeforeAll
    void a_fake_orders_api_and_a_warehouse_schema() throws IOException {
        vendor = ScriptedApi.start()
                .route("/orders", ScriptedApi.withBearer(TOKEN,
                        request -> Reply.ok("[{\"id\":\"a\",\"total\":\"1.00\"},{\"id\":\"b\",\"total\":\"2.00\"}]")))
                .route("/slow", request -> {
                    int page = Integer.parseInt(request.parameters().get("page"));
                    if (page == 2) {
                        // The process is asked to stop while the run waits for its second page.
                        Thread stopper = new Thread(worker::stop);
                        stopper.start();
                        sleepQuietly(300);
                    }
                    return Reply.ok(page <= 2 ? "[{\"id\":\"p" + page + "\",\"total\":\"1.00\"}]" : "[]");
                });
        warehouse = WarehouseSandbox.inTestDatabase();
    }

    @AfterAll
    void stop_the_fake_and_drop_the_schema() {
        vendor.close();
        warehouse.close();
    }

    @Test
    @Order(1)
    void a_manual_run_is_picked_up_and_finished_by_the_polling_worker() throws InterruptedException {
        UUID tenant = newTenant("Polling Deli");
        User owner = newMember(tenant, TenantRole.OWNER);
        String base = "/api/v1/tenants/" + tenant;
        String location = startRun(owner, base, "/orders", Map.of());

        Map<String, Object> run = Await.until(Duration.ofSeconds(30), "the polling worker to finish the run",
                () -> api.get(owner, location).json(), r -> List.of("succeeded", "failed", "cancelled").contains(r.get("status")));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0));
    }

    @Test
    @Order(2)
    void a_stopping_worker_leaves_its_run_unfinished_for_another_to_take_over_from_the_last_checkpoint()
            throws InterruptedException {
        UUID tenant = newTenant("Stopping Deli");
        User owner = newMember(tenant, TenantRole.OWNER);
        String base = "/api/v1/tenants/" + tenant;
        String location = startRun(owner, base, "/slow", Map.of("pagination", "PAGE_NUMBER"));
        String runId = location.substring(location.lastIndexOf('/') + 1);

        Map<String, Object> pageTwo = Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0);
        Await.until(Duration.ofSeconds(10), "page 2 committed and checkpointed", () -> api.get(owner, location).json(),
                r -> r.get("checkpointAfter") != null && pageTwo.equals(r.get("counts")));
        Await.holdsFor(Duration.ofSeconds(1), "the stopping worker leaves the run unfinished",
                () -> "running".equals(api.get(owner, location).json().get("status")));
        assertThat(worker.runOnce()).as("a stopped worker claims nothing").isZero();
        Map<String, Object> run = api.get(owner, location).json();
        // The connector checkpoints a page before it looks at the stop request, so page 2 is kept.
        assertThat(run).as(run.toString()).containsEntry("status", "running");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0));
        assertThat(run.get("events").toString()).doesNotContain("finished");

        ClaimedRun next = Await.until(Duration.ofSeconds(20), "the run taken over once the lease ran out",
                () -> queue.claim("next-worker", Duration.ofSeconds(30), 5).stream()
                        .filter(claimed -> claimed.runId().toString().equals(runId)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(next.takenOver()).isTrue();
        assertThat(next.resumeFrom().map(c -> c.value())).contains((String) run.get("checkpointAfter"));
    }

    private String startRun(User owner, String base, String path, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                "url", vendor.url(path),
                "bearerToken", TOKEN, "maxRetries", 0, "timeoutSeconds", 5));
        config.putAll(extra);
        String source = created(api.post(owner, base + "/connections", Map.of("connectorId", "http-json", "name", "Till",
                "config", config)));
        String target = created(api.post(owner, base + "/connections", Map.of("connectorId", "postgres-warehouse",
                "name", "Warehouse", "config", Map.of("jdbcUrl", warehouse.url(), "user", warehouse.schema(),
                        "password", warehouse.password(), "schema", warehouse.schema()))));
        String integration = created(api.post(owner, base + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source, "sourceStream", "records", "targetConnectionId", target,
                "targetObject", "orders", "mode", "live")));
        Response started = api.post(owner, base + "/integrations/" + integration + "/runs", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.header("Location").orElseThrow();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }
}
