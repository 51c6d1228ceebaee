package io.tillbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.faults.FaultyOrdersApi.Request;
import io.tillbridge.faults.PlatformApi.Lease;
import io.tillbridge.faults.PlatformApi.Tenant;
import io.tillbridge.faults.RunDetail.Event;
import io.tillbridge.faults.WorkerProcesses.Worker;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.testing.Await;
import io.tillbridge.testing.WarehouseSandbox;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run worker under real faults: worker JVMs started as an operator starts them (worker role
 * only, a 3 s lease, polling every 200 ms) against the test PostgreSQL, killed with SIGKILL, frozen
 * with SIGSTOP, and fed by a vendor API that rate-limits and cuts pages short. This JVM creates the
 * data through the public API (api role only, no worker) and checks the outcome in the run history
 * and the warehouse tables.
 *
 * <p>The tests share three worker processes; the fault tests run last because they kill or pause
 * one, and each test starts what it needs if a worker is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerFaultsIT {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerFaultsIT.class);
    static final Map<String, String> WORKER_SETTINGS = Map.of(
            "tillbridge.worker.lease", "3s",
            "tillbridge.worker.poll-interval", "200ms");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private static FaultStage stage;
    private static FaultyOrdersApi vendor;
    private static PlatformApi api;
    private static WarehouseSandbox warehouse;
    private static WorkerProcesses workers;

    @BeforeAll
    static void three_workers_an_api_a_vendor_and_a_warehouse() throws Exception {
        TestDatabase database = TestDatabase.shared();
        long started = System.nanoTime();
        stage = FaultStage.start(database.owner(), database.app(), database.admin().withDatabase(database.databaseName()),
                WORKER_SETTINGS, 3);
        vendor = stage.vendor;
        warehouse = stage.warehouse;
        api = stage.api;
        workers = stage.workers;
        List<Worker> launched = stage.launched;
        assertThat(launched).as("three workers started").hasSize(3);
        LOG.info("Three worker processes polling after {} ms: {}", (System.nanoTime() - started) / 1_000_000, launched);
    }

    @AfterAll
    static void stop_everything() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void three_workers_execute_thirty_runs_of_three_tenants_each_exactly_once() throws Exception {
        workers.ensureRunning(3);
        record Planned(Tenant tenant, String table, int size, UUID run) {
        }
        List<Planned> planned = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Tenant tenant = api.newTenant("Exactly Once " + t);
            String target = tenant.target(warehouse);
            for (int i = 0; i < 10; i++) {
                String name = "once_" + t + "_" + i + "_" + suffix();
                int size = 5 + (t * 10 + i) * 7 % 46;
                vendor.dataset(name, size);
                vendor.slow(name, Duration.ofMillis(20));
                String integration = tenant.integration(tenant.source(vendor.url(name)), target, name);
                planned.add(new Planned(tenant, name, size, tenant.startRun(integration)));
            }
        }

        Map<String, Integer> runsPerWorker = new TreeMap<>();
        int takeovers = 0;
        for (Planned p : planned) {
            RunDetail run = p.tenant().awaitFinal(p.run(), RUN_TIMEOUT);
            assertThat(run.status()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.read()).as("records read by " + p.run()).isEqualTo(p.size());
            assertThat(run.written() + run.unchanged()).as(run.toString()).isEqualTo(p.size());
            assertThat(run.failed()).isZero();
            assertThat(warehouse.keys(p.table())).as("warehouse rows of " + p.table())
                    .containsExactlyElementsOf(FaultyOrdersApi.keys(p.table(), p.size()));

            List<Event> claims = new ArrayList<>(run.events("claimed"));
            claims.addAll(run.events("taken-over"));
            Set<Integer> attempts = new HashSet<>();
            for (Event claim : claims) {
                assertThat(attempts.add(claim.attempt())).as("attempt %s of %s claimed twice: %s", claim.attempt(),
                        p.run(), run.events()).isTrue();
            }
            assertThat(run.events("claimed")).as(run.toString()).hasSize(1);
            assertThat(run.events("finished")).as(run.toString()).hasSize(1);
            assertThat(run.attempt()).isEqualTo(claims.size());
            if (run.events("taken-over").isEmpty()) {
                // Every page once, then the empty page that ends the read: nobody else read this source.
                assertThat(vendor.requests(p.table())).as("requests for " + p.table())
                        .hasSize((p.size() + FaultyOrdersApi.PAGE_SIZE - 1) / FaultyOrdersApi.PAGE_SIZE + 1);
            }
            takeovers += run.events("taken-over").size();
            for (Event claim : claims) {
                runsPerWorker.merge(claim.detail().replaceAll(".*(worker-\\d+-[0-9a-f]+)$", "$1"), 1, Integer::sum);
            }
        }
        LOG.info("30 runs: claims per worker {}, takeovers {}", runsPerWorker, takeovers);
        assertThat(runsPerWorker).as("the runs were shared out among the worker processes").hasSizeGreaterThan(1);
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_source_answering_429_gets_no_request_before_its_retry_after_and_the_run_completes() throws Exception {
        workers.ensureRunning(1);
        Tenant tenant = api.newTenant("Rate Limited");
        String name = "limited_" + suffix();
        vendor.dataset(name, 35);
        vendor.rateLimitOnce(name, 2, 2);
        UUID runId = tenant.startRun(tenant.integration(tenant.source(vendor.url(name)), tenant.target(warehouse), name));

        RunDetail run = tenant.awaitFinal(runId, RUN_TIMEOUT);
        assertThat(run.status()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.read()).isEqualTo(35);
        assertThat(warehouse.keys(name)).containsExactlyElementsOf(FaultyOrdersApi.keys(name, 35));

        List<Request> requests = vendor.requests(name);
        int limited = indexOf(requests, 429);
        assertThat(limited).as("one 429: %s", requests).isNotNegative();
        Request refused = requests.get(limited);
        Request next = requests.get(limited + 1);
        long waitedMillis = (next.atNanos() - refused.atNanos()) / 1_000_000;
        LOG.info("429 on page {}; the next request came {} ms later", refused.page(), waitedMillis);
        assertThat(next.page()).as("the refused page was asked for again").isEqualTo(refused.page());
        assertThat(next.status()).isEqualTo(200);
        assertThat(waitedMillis).as("no request before Retry-After: 2").isGreaterThanOrEqualTo(2_000);
        assertThat(requests).extracting(Request::status).containsOnlyOnce(429);
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_page_cut_off_mid_body_is_fetched_again_and_the_counts_stay_exact() throws Exception {
        workers.ensureRunning(1);
        Tenant tenant = api.newTenant("Truncated");
        String name = "truncated_" + suffix();
        vendor.dataset(name, 42);
        vendor.truncateOnce(name, 3);
        UUID runId = tenant.startRun(tenant.integration(tenant.source(vendor.url(name)), tenant.target(warehouse), name));

        RunDetail run = tenant.awaitFinal(runId, RUN_TIMEOUT);
        assertThat(run.status()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.read()).isEqualTo(42);
        assertThat(run.written()).isEqualTo(42);
        assertThat(run.attempt()).as("retried inside the attempt, not by a new claim").isEqualTo(1);
        assertThat(warehouse.keys(name)).containsExactlyElementsOf(FaultyOrdersApi.keys(name, 42));
        List<Request> requests = vendor.requests(name);
        assertThat(requests).filteredOn(Request::truncated).extracting(Request::page).containsExactly(3);
        assertThat(requests).filteredOn(r -> r.page() == 3).as("page 3 cut off, then fetched again").hasSize(2);
    }

    @Test
    @Order(4)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_worker_frozen_past_its_lease_is_taken_over_and_its_late_commit_is_refused() throws Exception {
        workers.ensureRunning(2);
        Tenant tenant = api.newTenant("Frozen Worker");
        String name = "frozen_" + suffix();
        vendor.dataset(name, 60);
        vendor.slow(name, Duration.ofMillis(250));
        UUID runId = tenant.startRun(tenant.integration(tenant.source(vendor.url(name)), tenant.target(warehouse), name));
        tenant.awaitCommitted(runId, 20, RUN_TIMEOUT);

        // The worker's next write waits for the warehouse lock after it renewed its lease: frozen there,
        // it has passed every check before its commit.
        Worker frozen;
        Lease before;
        try (Connection lock = warehouse.holdWriteLock(name)) {
            await("the worker's write waits for the warehouse lock", () -> warehouse.waitingForWriteLock() >= 1);
            before = api.lease(runId);
            frozen = workers.byId(before.owner());
            freezeOutsideAnyTransaction(frozen);
            try {
                await("another worker took the run over", () -> api.lease(runId).attempt() > before.attempt());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; queue: " + api.lease(runId) + "; sessions:"
                        + warehouse.sessions() + "\nworkers: " + workers.all(), e);
            }
            Lease after = api.lease(runId);
            assertThat(after.owner()).isNotEqualTo(before.owner());
            await("the new owner's write waits too", () -> warehouse.waitingForWriteLock() >= 2);
        }
        // The released lock goes to one of the two waiting writes before the frozen worker goes on.
        await("the warehouse lock passed to a waiting write", () -> warehouse.waitingForWriteLock() <= 1);
        frozen.resume();

        RunDetail run = tenant.awaitFinal(runId, RUN_TIMEOUT);
        await("the late commit is recorded", () -> !tenant.run(runId).events("stale-attempt-refused").isEmpty());
        run = tenant.run(runId);
        LOG.info("Frozen worker {}: events {}", frozen, run.events());
        assertThat(run.status()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.events("taken-over")).extracting(Event::attempt).contains(before.attempt() + 1);
        assertThat(run.events("stale-attempt-refused")).as(run.toString())
                .extracting(Event::attempt).containsOnly(before.attempt());
        assertThat(frozen.alive()).isTrue();
        assertThat(frozen.output()).anyMatch(l -> l.contains("Run " + runId + " attempt " + before.attempt()
                + " was fenced off"));
        assertThat(run.read()).as("counts over both attempts: " + run).isEqualTo(60);
        assertThat(run.failed()).isZero();
        assertThat(warehouse.keys(name)).containsExactlyElementsOf(FaultyOrdersApi.keys(name, 60));
    }

    @Test
    @Order(5)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_worker_killed_mid_run_is_taken_over_after_its_lease_without_lost_or_duplicate_rows() throws Exception {
        workers.ensureRunning(2);
        Tenant tenant = api.newTenant("Killed Worker");
        String name = "killed_" + suffix();
        vendor.dataset(name, 100);
        vendor.slow(name, Duration.ofMillis(300));
        UUID runId = tenant.startRun(tenant.integration(tenant.source(vendor.url(name)), tenant.target(warehouse), name));
        tenant.awaitCommitted(runId, 20, RUN_TIMEOUT);

        Lease before = api.lease(runId);
        Worker killed = workers.byId(before.owner());
        killed.kill();
        long killedAt = System.nanoTime();
        RunDetail atKill = tenant.run(runId);
        assertThat(atKill.status()).as("killed mid-run: " + atKill).isEqualTo("running");
        assertThat(atKill.read()).isBetween(20L, 90L);

        RunDetail run = tenant.awaitFinal(runId, RUN_TIMEOUT);
        LOG.info("Killed worker {} after {} records; run finished {} ms later: {}", killed, atKill.read(),
                (System.nanoTime() - killedAt) / 1_000_000, run.events());
        assertThat(killed.alive()).isFalse();
        assertThat(run.status()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.events("taken-over")).as(run.toString()).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(before.owner()))
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(before.attempt() + 1));
        assertThat(run.read()).as("counts over both attempts: " + run).isEqualTo(100);
        assertThat(run.written() + run.unchanged()).isEqualTo(100);
        assertThat(warehouse.keys(name)).containsExactlyElementsOf(FaultyOrdersApi.keys(name, 100));
        assertThat(vendor.requests(name)).filteredOn(r -> r.page() == 1)
                .as("the new owner resumed from the last checkpoint, not from the first page").hasSize(1);
    }

    // --- helpers -----------------------------------------------------------------------------

    /**
     * Stops the worker where no transaction of its own is open: SIGSTOP can land inside one of its
     * short queue transactions (a lease renewal), and a row lock held there would keep every other
     * worker from the run for as long as the worker is frozen (DD-016, still open). That is not the
     * fault this test is about, so the worker is continued and stopped again until it is outside.
     */
    private static void freezeOutsideAnyTransaction(Worker worker) throws Exception {
        for (int tries = 1; ; tries++) {
            worker.pause();
            Thread.sleep(400);
            int open = warehouse.idleInTransaction(Duration.ofMillis(300));
            if (open == 0) {
                return;
            }
            LOG.warn("{} was frozen inside a transaction ({} open); continuing and freezing it again", worker, open);
            worker.resume();
            assertThat(tries).as("tries to freeze the worker outside a transaction").isLessThan(10);
            Thread.sleep(100);
        }
    }

    /** Waits for what the faults lead to: at most {@link #AWAIT}. */
    static void await(String what, Await.Condition condition) {
        Await.until(AWAIT, what, condition);
    }

    private static int indexOf(List<Request> requests, int status) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).status() == status) {
                return i;
            }
        }
        return -1;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
