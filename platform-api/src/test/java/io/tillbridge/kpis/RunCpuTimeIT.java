package io.tillbridge.kpis;

import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.runs.queue.StaleAttemptException;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.LeaseExpiry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run's CPU time adds up over its attempts, and only the attempt that owns the run may add to it. */
@MicronautTest(transactional = false)
class RunCpuTimeIT extends TestDatabaseProperties {

    @Inject
    RunLeases queue;

    @Inject
    RunCommands commands;

    @BeforeEach
    void empty_queue() {
        TenantFixture.platform(c -> TenantFixture.update(c, "UPDATE run_queue SET status = 'cancelled',"
                + " lease_owner = NULL, lease_expires_at = NULL WHERE status IN ('queued', 'running')"));
    }

    @Test
    void each_attempt_adds_its_cpu_time_and_a_fenced_off_attempt_adds_none() throws Exception {
        TenantId tenant = new TenantId(newTenant("Cpu Bakery"));
        UUID runId = commands.enqueue(tenant, UUID.randomUUID(), RunTrigger.MANUAL);

        ClaimedRun first = only(queue.claim("worker-a", Duration.ofMillis(400), 5));
        queue.addCpuTime(runId, first.attempt(), 120);
        LeaseExpiry.awaitExpiry(runId);
        ClaimedRun second = only(queue.claim("worker-b", Duration.ofSeconds(60), 5));
        assertThat(second.attempt()).isEqualTo(2);

        assertThatThrownBy(() -> queue.addCpuTime(runId, 1, 999)).isInstanceOf(StaleAttemptException.class);
        queue.addCpuTime(runId, 2, 30);
        queue.finish(runId, 2, RunStatus.SUCCEEDED, new RunCounts(5, 5, 0, 0), null);
        assertThatThrownBy(() -> queue.addCpuTime(runId, 2, 7)).as("a finished run takes no more")
                .isInstanceOf(StaleAttemptException.class);
        assertThatThrownBy(() -> queue.addCpuTime(runId, 2, -1)).isInstanceOf(IllegalArgumentException.class);

        // 120 ms of the first attempt + 30 ms of the second.
        assertThat(cpuMillis(tenant, runId)).isEqualTo(150);
    }

    private static long cpuMillis(TenantId tenant, UUID runId) {
        return TenantFixture.inTenant(tenant.value(), c -> ((Number) TenantFixture.rows(c,
                "SELECT cpu_millis FROM runs WHERE id = ?", runId).get(0).get("cpu_millis")).longValue());
    }

    private static ClaimedRun only(List<ClaimedRun> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }
}
