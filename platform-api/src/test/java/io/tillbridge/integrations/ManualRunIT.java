package io.tillbridge.integrations;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
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
import io.tillbridge.testing.LeaseExpiry;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A manual run end to end through real HTTP and PostgreSQL: an http-json source pointed at a local
 * fake orders API that wants a bearer token, the postgres-warehouse target writing into a schema of
 * the test database, and the worker driven with {@link RunWorker#runOnce()}.
 */
@MicronautTest(transactional = false)
class ManualRunIT extends TestDatabaseProperties {

    private static final String TOKEN = "tok-Run7-never-shown-11aa";

    @Inject
    RunWorker worker;

    @Inject
    RunLeases queue;

    @Inject
    io.tillbridge.scheduling.ScheduleClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        // Schedules may fire every second here, so that a scheduled run is seen within the test.
        return Map.of("tillbridge.scheduler.min-interval", "1s");
    }

    /** The run to cancel when the paged API is asked for its second page. */
    private volatile String cancelOnSecondPage;

    @Inject
    ApiClient api;

    private ScriptedApi vendor;
    private final List<String> orders = new CopyOnWriteArrayList<>();
    private WarehouseSandbox warehouse;
    private UUID tenant;
    private User owner;
    private User viewer;

    @BeforeAll
    void a_fake_orders_api_and_a_warehouse_schema() throws IOException {
        vendor = ScriptedApi.start()
                .route("/orders", ScriptedApi.withBearer(TOKEN, request -> Reply.ok("[" + String.join(",", orders) + "]")))
                .route("/paged", request -> {
                    int page = Integer.parseInt(request.parameters().get("page"));
                    if (page == 2 && cancelOnSecondPage != null) {
                        assertThat(api.post(owner, base() + "/runs/" + cancelOnSecondPage + "/cancel", null).status())
                                .isEqualTo(200);
                    }
                    return Reply.ok(page <= 3 ? "[" + order(page) + "]" : "[]");
                });
        warehouse = WarehouseSandbox.inTestDatabase();
    }

    @AfterAll
    void stop_the_fake_and_drop_the_schema() {
        vendor.close();
        warehouse.close();
    }

    @BeforeEach
    void a_tenant_with_an_owner_and_a_viewer() {
        tenant = newTenant("Run Coffee");
        owner = newMember(tenant, TenantRole.OWNER);
        viewer = newMember(tenant, TenantRole.VIEWER);
        orders.clear();
        for (int i = 1; i <= 3; i++) {
            orders.add(order(i));
        }
    }

    @Test
    void a_manual_run_copies_the_orders_then_reads_only_what_is_new() throws SQLException {
        String table = "orders_" + UUID.randomUUID().toString().substring(0, 8);
        String integration = integration(source(TOKEN), table);

        Response started = api.post(owner, base() + "/integrations/" + integration + "/runs", null,
                "Idempotency-Key", "run-1");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String runId = (String) started.json().get("runId");
        assertThat(started.header("Location")).hasValue(base() + "/runs/" + runId);
        Response retried = api.post(owner, base() + "/integrations/" + integration + "/runs", null,
                "Idempotency-Key", "run-1");
        assertThat(retried.json()).containsEntry("runId", runId);

        Map<String, Object> first = runs().toTheEnd(runId);
        assertThat(first).as(first.toString()).containsEntry("status", "succeeded").containsEntry("trigger", "manual");
        assertThat(first.get("counts")).isEqualTo(Map.of("read", 3, "written", 3, "unchanged", 0, "failed", 0));
        assertThat((String) first.get("checkpointAfter")).contains("2026-01-01T00:00:03Z");
        assertThat(first).containsKeys("queuedAt", "startedAt", "finishedAt");
        assertThat(first.get("events").toString()).contains("claimed").contains("finished");
        assertThat(warehouseKeys(table)).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(warehouse.values(table, "_key")).as("rows are keyed by the ledger's idempotency keys")
                .containsExactlyInAnyOrder(idempotencyKey(integration, "1"), idempotencyKey(integration, "2"),
                        idempotencyKey(integration, "3"));

        String second = runs().start(integration);
        Map<String, Object> nothingNew = runs().toTheEnd(second);
        assertThat(nothingNew).as(nothingNew.toString()).containsEntry("status", "succeeded")
                .containsEntry("checkpointBefore", first.get("checkpointAfter"));
        assertThat(nothingNew.get("counts")).isEqualTo(Map.of("read", 0, "written", 0, "unchanged", 0, "failed", 0));

        orders.add(order(4));
        orders.add(order(5));
        Map<String, Object> third = runs().toTheEnd(runs().start(integration));
        assertThat(third).as(third.toString()).containsEntry("status", "succeeded");
        assertThat(third.get("counts")).isEqualTo(Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0));
        assertThat(warehouseKeys(table)).containsExactlyInAnyOrder("1", "2", "3", "4", "5");

        Response history = api.get(viewer, base() + "/integrations/" + integration + "/runs");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.items()).hasSize(3).extracting(r -> r.get("status")).containsOnly("succeeded");
        assertThat(history.items()).extracting(r -> r.get("id")).first().isEqualTo(third.get("id"));
        Response firstPage = api.get(viewer, base() + "/integrations/" + integration + "/runs?limit=2");
        assertThat(firstPage.items()).hasSize(2);
        Response secondPage = api.get(viewer, base() + "/integrations/" + integration + "/runs?limit=2&cursor="
                + firstPage.json().get("nextCursor"));
        assertThat(secondPage.items()).extracting(r -> r.get("id")).containsExactly(runId);
    }

    @Test
    void a_finished_run_records_the_cpu_time_it_took() {
        String integration = integration(source(TOKEN), "orders_cpu_" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        long cpuMillis = inTenant(tenant, c -> ((Number) rows(c, "SELECT cpu_millis FROM runs WHERE id = ?::uuid",
                run.get("id")).get(0).get("cpu_millis")).longValue());
        // Reading, mapping and writing three orders over HTTP and JDBC takes some CPU time, never none.
        assertThat(cpuMillis).isPositive().isLessThan(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void a_source_that_refuses_the_token_fails_the_run_with_auth() {
        String integration = integration(source("tok-wrong"), "orders_refused");
        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "failed");
        assertThat((String) run.get("error")).startsWith("AUTH: ");
        assertThat(run.toString()).doesNotContain(TOKEN).doesNotContain("tok-wrong");
    }

    @Test
    void a_target_that_refuses_the_login_fails_the_run_with_auth_and_keeps_no_checkpoint() {
        Map<String, Object> config = Map.of("jdbcUrl", warehouse.url(), "user", "tb_no_such_role", "password", "wrong-password-0",
                "schema", warehouse.schema(), "timeoutSeconds", 30);
        String target = created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "postgres-warehouse", "name", "Warehouse", "config", config)));
        String integration = created(api.post(owner, base() + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source(TOKEN), "sourceStream", "records", "targetConnectionId", target,
                "targetObject", "orders_refused_target")));
        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "failed").doesNotContainKey("checkpointAfter");
        assertThat((String) run.get("error")).startsWith("AUTH: ");
        assertThat(run.toString()).doesNotContain("wrong-password-0");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 0, "written", 0, "unchanged", 0, "failed", 0));
    }

    @Test
    void a_target_pointing_at_the_platform_database_fails_the_run_with_config_and_writes_nothing() {
        // The platform's own database server, as a merchant could name it (DD-017).
        Map<String, Object> config = Map.of("jdbcUrl", warehouse.admin().url(), "user", warehouse.schema(),
                "password", warehouse.password(), "schema", warehouse.schema(), "timeoutSeconds", 30);
        String target = created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "postgres-warehouse", "name", "Platform DB", "config", config)));
        String integration = created(api.post(owner, base() + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source(TOKEN), "sourceStream", "records", "targetConnectionId", target,
                "targetObject", "orders_platform_db")));
        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "failed").doesNotContainKey("checkpointAfter");
        assertThat((String) run.get("error")).startsWith("CONFIG: ").contains("the platform's own database");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 0, "written", 0, "unchanged", 0, "failed", 0));
    }

    @Test
    void a_viewer_cannot_start_a_run_and_a_paused_integration_takes_none() {
        String integration = integration(source(TOKEN), "orders_paused");
        assertThat(api.post(viewer, base() + "/integrations/" + integration + "/runs", null).status()).isEqualTo(403);
        assertThat(api.post(owner, base() + "/integrations/" + integration + "/pause", null).status()).isEqualTo(200);
        Response refused = api.post(owner, base() + "/integrations/" + integration + "/runs", null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.body()).contains("paused");
        assertThat(api.post(owner, base() + "/integrations/" + integration + "/resume", null).status()).isEqualTo(200);
        assertThat(api.post(owner, base() + "/integrations/" + integration + "/runs", null).status()).isEqualTo(202);
    }

    @Test
    void a_run_queued_before_a_pause_is_cancelled_by_the_worker_without_reading() {
        String integration = integration(source(TOKEN), "orders_paused_later");
        String runId = runs().start(integration);
        assertThat(api.post(owner, base() + "/integrations/" + integration + "/pause", null).status()).isEqualTo(200);
        Map<String, Object> run = runs().toTheEnd(runId);
        assertThat(run).as(run.toString()).containsEntry("status", "cancelled");
        assertThat((String) run.get("error")).contains("paused");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 0, "written", 0, "unchanged", 0, "failed", 0));
    }

    @Test
    void a_queued_run_can_be_cancelled_and_is_not_executed() {
        String integration = integration(source(TOKEN), "orders_cancelled");
        String runId = runs().start(integration);
        Response cancelled = api.post(owner, base() + "/runs/" + runId + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json()).containsEntry("status", "cancelled").containsEntry("cancelRequested", true);
        assertThat(runs().toTheEnd(runId).get("counts")).isEqualTo(Map.of("read", 0, "written", 0, "unchanged", 0, "failed", 0));
    }

    @Test
    void another_tenant_sees_neither_the_integration_nor_its_runs() {
        String integration = integration(source(TOKEN), "orders_hidden");
        String runId = runs().start(integration);
        UUID other = newTenant("Other Shop");
        User stranger = newMember(other, TenantRole.OWNER);
        String otherBase = "/api/v1/tenants/" + other;
        assertThat(api.get(stranger, otherBase + "/integrations/" + integration).status()).isEqualTo(404);
        assertThat(api.post(stranger, otherBase + "/integrations/" + integration + "/runs", null).status()).isEqualTo(404);
        assertThat(api.get(stranger, otherBase + "/integrations/" + integration + "/runs").status()).isEqualTo(404);
        assertThat(api.get(stranger, otherBase + "/runs/" + runId).status()).isEqualTo(404);
        assertThat(api.post(stranger, otherBase + "/runs/" + runId + "/cancel", null).status()).isEqualTo(404);
        assertThat(api.get(stranger, base() + "/runs/" + runId).status()).isIn(403, 404);
        assertThat(api.get(owner, base() + "/runs/" + runId).json()).containsEntry("status", "queued");
    }

    @Test
    void a_cancel_request_stops_a_running_run_after_the_page_it_is_on() {
        Map<String, Object> config = sourceConfig(TOKEN);
        config.put("url", vendor.url("/paged"));
        config.put("pagination", "PAGE_NUMBER");
        String table = "orders_" + UUID.randomUUID().toString().substring(0, 8);
        String integration = integration(connection(config), table);
        String runId = runs().start(integration);
        cancelOnSecondPage = runId;
        try {
            Map<String, Object> run = runs().toTheEnd(runId);
            assertThat(run).as(run.toString()).containsEntry("status", "cancelled").containsEntry("cancelRequested", true);
            assertThat(run.get("counts")).isEqualTo(Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0));
            assertThat(run.get("checkpointAfter")).isNotNull();
        } finally {
            cancelOnSecondPage = null;
        }
    }

    @Test
    void a_worker_whose_run_was_taken_over_writes_nothing() throws SQLException {
        String table = "orders_" + UUID.randomUUID().toString().substring(0, 8);
        String integration = integration(source(TOKEN), table);
        String runId = runs().start(integration);
        ClaimedRun stale = claim("paused-worker", Duration.ofMillis(200), runId);
        LeaseExpiry.awaitExpiry(UUID.fromString(runId));
        ClaimedRun current = claim("live-worker", Duration.ofSeconds(30), runId);
        assertThat(current.attempt()).isEqualTo(stale.attempt() + 1);

        worker.execute(stale);
        assertThat(warehouse.hasTable(table)).as("the stale attempt wrote nothing").isFalse();
        assertThat(api.get(viewer, base() + "/runs/" + runId).json()).containsEntry("status", "running");

        worker.execute(current);
        Map<String, Object> run = api.get(viewer, base() + "/runs/" + runId).json();
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded").containsEntry("attempt", 2);
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 3, "written", 3, "unchanged", 0, "failed", 0));
        assertThat(run.get("events").toString()).contains("taken-over");
        assertThat(warehouseKeys(table)).containsExactlyInAnyOrder("1", "2", "3");
    }

    // --- helpers -----------------------------------------------------------------------------

    @Test
    void a_schedule_runs_the_integration_in_shadow_mode_writing_nothing_then_live_writing_the_orders()
            throws SQLException {
        String table = "scheduled_" + UUID.randomUUID().toString().substring(0, 8);
        String integration = created(api.post(owner, base() + "/integrations", Map.of("name", "Scheduled orders",
                "sourceConnectionId", source(TOKEN), "sourceStream", "records", "targetConnectionId", target(),
                "targetObject", table, "mode", "shadow")));
        Response scheduled = api.put(owner, base() + "/integrations/" + integration + "/schedule",
                Map.of("intervalSeconds", 1));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        clock.start();
        try {
            Map<String, Object> shadowRun = runs().toTheEnd(nextScheduledRun(integration, null));
            assertThat(shadowRun).containsEntry("status", "succeeded").containsEntry("trigger", "schedule")
                    .containsEntry("shadow", true);
            assertThat(warehouse.hasTable(table) ? warehouseKeys(table) : List.of())
                    .as("a shadow run writes nothing").isEmpty();
            Response summary = api.get(viewer, base() + "/runs/" + shadowRun.get("id") + "/shadow-summary");
            assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
            assertThat(summary.body()).contains("create");

            Response current = api.get(owner, base() + "/integrations/" + integration);
            Map<String, Object> live = new LinkedHashMap<>(current.json());
            live.put("mode", "live");
            live.keySet().retainAll(List.of("name", "sourceConnectionId", "sourceStream", "targetConnectionId",
                    "targetObject", "mode"));
            Response changed = api.put(owner, base() + "/integrations/" + integration, live,
                    "If-Match", current.header("ETag").orElseThrow());
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

            Map<String, Object> liveRun = runs().toTheEnd(nextScheduledRun(integration, (String) shadowRun.get("id")));
            assertThat(liveRun).containsEntry("status", "succeeded").containsEntry("trigger", "schedule")
                    .containsEntry("shadow", false);
            assertThat(warehouseKeys(table)).containsExactlyInAnyOrder("1", "2", "3");
        } finally {
            clock.standby();
            api.delete(owner, base() + "/integrations/" + integration + "/schedule");
        }
    }

    /** Waits until the schedule has queued a run of the integration (other than {@code after}); drives nothing. */
    private String nextScheduledRun(String integration, String after) {
        Map<?, ?> next = Await.until(Duration.ofSeconds(15), "a scheduled run of " + integration + " to be queued",
                () -> ((List<?>) api.get(viewer, base() + "/integrations/" + integration + "/runs").json().get("items"))
                        .stream().map(item -> (Map<?, ?>) item)
                        .filter(run -> "schedule".equals(run.get("trigger")) && !run.get("id").equals(after)
                                && List.of("queued", "running").contains(run.get("status")))
                        .findFirst(), Optional::isPresent).orElseThrow();
        return (String) next.get("id");
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, owner, viewer, base());
    }

    private static String order(int i) {
        return "{\"id\":" + i + ",\"total\":\"" + i + ".50\",\"updated_at\":\"2026-01-01T00:00:0" + i + "Z\"}";
    }

    private String source(String token) {
        return connection(sourceConfig(token));
    }

    private String connection(Map<String, Object> config) {
        return created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "http-json", "name", "Till API", "config", config)));
    }

    private Map<String, Object> sourceConfig(String token) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", vendor.url("/orders"));
        config.put("bearerToken", token);
        config.put("updatedAtPointer", "/updated_at");
        config.put("maxRetries", 0);
        config.put("timeoutSeconds", 5);
        return config;
    }

    private String target() {
        Map<String, Object> config = warehouse.targetConfig(30);
        return created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "postgres-warehouse", "name", "Warehouse", "config", config)));
    }

    private String integration(String source, String table) {
        return created(api.post(owner, base() + "/integrations", Map.of("name", "Orders", "sourceConnectionId", source,
                "sourceStream", "records", "targetConnectionId", target(), "targetObject", table, "mode", "live")));
    }

    /** Claims until this run is among the claimed; other queued runs claimed on the way are left to expire. */
    private ClaimedRun claim(String workerId, Duration lease, String runId) {
        return Await.until(Duration.ofSeconds(15), "run " + runId + " to be claimed", () -> queue.claim(workerId, lease, 1)
                .stream().filter(claimed -> claimed.runId().toString().equals(runId)).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The source keys of the rows in the warehouse table (the orders' ids). */
    private List<String> warehouseKeys(String table) throws SQLException {
        return warehouse.values(table, "id");
    }

    private String idempotencyKey(String integration, String sourceKey) {
        return io.tillbridge.ledger.Ledger.idempotencyKey(new io.tillbridge.tenants.TenantId(tenant),
                UUID.fromString(integration), sourceKey);
    }

}
