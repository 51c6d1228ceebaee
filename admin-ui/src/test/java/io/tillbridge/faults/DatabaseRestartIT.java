package io.tillbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.faults.PlatformApi.Tenant;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL restarted under a running run. The test starts a PostgreSQL server of its own (the
 * shared test server is never touched), migrates it, points a worker process and the API at it,
 * then stops and starts that server on the same port and data directory while a run is between
 * pages.
 */
class DatabaseRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRestartIT.class);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private static FaultStage stage;

    @BeforeAll
    static void a_database_of_its_own_with_a_worker_and_the_api() throws Exception {
        // A run that lost the database is re-queued with back-off: keep the back-off short here.
        java.util.Map<String, String> settings = new java.util.HashMap<>(WorkerFaultsIT.WORKER_SETTINGS);
        settings.put("tillbridge.worker.retry-delay", "1s");
        stage = FaultStage.onOwnDatabase("restart", settings, 1);
        assertThat(stage.workers.all()).hasSize(1).allMatch(w -> w.id() != null);
    }

    @AfterAll
    static void stop_everything() throws IOException {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void a_restart_mid_run_ends_the_run_cleanly_and_its_retry_leaves_exactly_the_source_rows() throws Exception {
        Tenant tenant = stage.api.newTenant("Restarted Database");
        String name = "restart_" + WorkerFaultsIT.suffix();
        stage.vendor.dataset(name, 80);
        stage.vendor.slow(name, Duration.ofMillis(300));
        String integration = tenant.integration(tenant.source(stage.vendor.url(name)), tenant.target(stage.warehouse), name);
        UUID runId = tenant.startRun(integration);
        RunDetail before = tenant.awaitCommitted(runId, 20, RUN_TIMEOUT);

        long stopping = System.nanoTime();
        stage.postgres.stop();
        long stopped = System.nanoTime();
        Thread.sleep(1_000);
        stage.postgres.restart();
        LOG.info("PostgreSQL stopped after {} committed records; down for {} ms (stop took {} ms)", before.read(),
                (System.nanoTime() - stopped) / 1_000_000, (stopped - stopping) / 1_000_000);

        WorkerFaultsIT.await("the API answers again", () -> answers(tenant, runId));
        RunDetail run = tenant.awaitFinal(runId, RUN_TIMEOUT);
        LOG.info("After the restart the run ended {}: error {}, counts read {}, events {}", run.status(), run.error(),
                run.read(), run.events());
        assertThat(run.status()).as(run.toString()).isIn("succeeded", "failed");
        if (run.status().equals("failed")) {
            // Failed cleanly: a category the operator can act on, and the next run starts where it stopped.
            assertThat(run.error()).as(run.toString()).matches("(TRANSIENT|SYSTEM): .+");
            UUID retry = tenant.startRun(integration);
            RunDetail retried = tenant.awaitFinal(retry, RUN_TIMEOUT);
            LOG.info("The retry ended {}: counts read {}, events {}", retried.status(), retried.read(), retried.events());
            assertThat(retried.status()).as(retried.toString()).isEqualTo("succeeded");
            assertThat(run.read() + retried.read()).as("the retry read what the failed run had not committed: "
                    + run + " then " + retried).isEqualTo(80);
        } else {
            assertThat(run.read()).as("counts over every attempt: " + run).isEqualTo(80);
        }
        assertThat(stage.api.lease(runId).status()).isIn("succeeded", "failed");
        assertThat(stage.warehouse.keys(name)).as("no row lost, none twice")
                .containsExactlyElementsOf(FaultyOrdersApi.keys(name, 80));
        assertThat(stage.workers.all()).as("the worker survived the restart").allMatch(WorkerProcesses.Worker::alive);
    }

    private static boolean answers(Tenant tenant, UUID runId) {
        try {
            tenant.run(runId);
            return true;
        } catch (AssertionError | RuntimeException e) {
            return false;
        }
    }
}
