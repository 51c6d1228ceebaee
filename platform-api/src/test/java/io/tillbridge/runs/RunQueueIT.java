package io.tillbridge.runs;

import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.runs.queue.StaleAttemptException;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.Await;
import io.tillbridge.testing.LeaseExpiry;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run queue against real PostgreSQL, connected as the application role. */
@MicronautTest(transactional = false)
class RunQueueIT extends TestDatabaseProperties {

    private static final Duration LONG_LEASE = Duration.ofSeconds(60);

    @Inject
    RunLeases queue;

    @Inject
    RunCommands commands;

    @Inject
    RunHistory history;

    /** Each test starts with nothing claimable left over by another. */
    @BeforeEach
    void empty_queue() {
        TenantFixture.platform(c -> TenantFixture.update(c, "UPDATE run_queue SET status = 'cancelled',"
                + " lease_owner = NULL, lease_expires_at = NULL WHERE status IN ('queued', 'running')"));
    }

    @Test
    void concurrent_claimers_claim_every_run_exactly_once_within_the_per_tenant_cap() throws Exception {
        List<UUID> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            TenantId tenant = new TenantId(newTenant("Claims " + t));
            UUID integration = UUID.randomUUID();
            for (int r = 0; r < 6; r++) {
                runs.add(commands.enqueue(tenant, integration, RunTrigger.SCHEDULE));
            }
        }
        Map<UUID, AtomicInteger> claims = new ConcurrentHashMap<>();
        Map<TenantId, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overCap = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int w = 0; w < 4; w++) {
            String worker = "worker-" + w;
            done.add(workers.submit(() -> {
                while (finished.get() < runs.size() && System.nanoTime() < deadline) {
                    for (ClaimedRun run : queue.claim(worker, LONG_LEASE, 3)) {
                        claims.computeIfAbsent(run.runId(), id -> new AtomicInteger()).incrementAndGet();
                        if (running.computeIfAbsent(run.tenant(), t -> new AtomicInteger()).incrementAndGet() > 2) {
                            overCap.incrementAndGet();
                        }
                        assertThat(run.attempt()).isEqualTo(1);
                        running.get(run.tenant()).decrementAndGet();
                        queue.finish(run.runId(), run.attempt(), RunStatus.SUCCEEDED, new RunCounts(1, 1, 0, 0), null);
                        finished.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        workers.shutdown();
        assertThat(claims.keySet()).containsExactlyInAnyOrderElementsOf(runs);
        assertThat(claims.values()).allMatch(n -> n.get() == 1);
        assertThat(finished.get()).isEqualTo(runs.size());
        assertThat(overCap.get()).isZero();
    }

    @Test
    void an_expired_lease_is_taken_over_and_the_old_attempt_is_fenced_off() throws Exception {
        TenantId tenant = new TenantId(newTenant("Takeover"));
        UUID integration = UUID.randomUUID();
        UUID runId = commands.enqueue(tenant, integration, RunTrigger.SCHEDULE);

        ClaimedRun first = only(queue.claim("worker-a", Duration.ofMillis(400), 5));
        assertThat(first.runId()).isEqualTo(runId);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.takenOver()).isFalse();
        assertThat(queue.renew(runId, 1, Duration.ofMillis(400))).isTrue();
        assertThat(queue.claim("worker-b", LONG_LEASE, 5)).as("a live lease is not taken").isEmpty();
        queue.commit(runId, 1, tx -> {
            tx.saveCheckpoint(new Checkpoint("page-1"));
            return null;
        });

        LeaseExpiry.awaitExpiry(runId);
        ClaimedRun second = only(queue.claim("worker-b", LONG_LEASE, 5));
        assertThat(second.runId()).isEqualTo(runId);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.takenOver()).isTrue();
        assertThat(second.resumeFrom()).contains(new Checkpoint("page-1"));

        assertThat(queue.renew(runId, 1, LONG_LEASE)).as("stale renew").isFalse();
        assertThatThrownBy(() -> queue.commit(runId, 1, tx -> {
            tx.saveCheckpoint(new Checkpoint("page-2-by-a"));
            return null;
        })).isInstanceOfSatisfying(StaleAttemptException.class, e -> {
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.currentAttempt()).isEqualTo(2);
            assertThat(e).hasMessageContaining("attempt 1 is stale");
        });
        assertThat(history.find(tenant, runId).orElseThrow().checkpointAfter()).isEqualTo("page-1");

        assertThat(queue.renew(runId, 2, LONG_LEASE)).isTrue();
        queue.commit(runId, 2, tx -> {
            tx.saveCheckpoint(new Checkpoint("page-2-by-b"));
            tx.saveCounts(new RunCounts(20, 18, 1, 1));
            return null;
        });
        assertThatThrownBy(() -> queue.finish(runId, 1, RunStatus.FAILED, RunCounts.NONE, "late"))
                .isInstanceOf(StaleAttemptException.class);
        queue.finish(runId, 2, RunStatus.SUCCEEDED, new RunCounts(20, 18, 1, 1), null);

        Run run = history.find(tenant, runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(run.checkpointAfter()).isEqualTo("page-2-by-b");
        assertThat(run.counts()).isEqualTo(new RunCounts(20, 18, 1, 1));
        assertThat(run.error()).isNull();
        assertThat(run.startedAt()).isNotNull();
        assertThat(run.finishedAt()).isNotNull();
        assertThat(history.events(tenant, runId)).extracting(RunEvent::kind).containsExactly(
                "claimed", "taken-over", "stale-attempt-refused", "stale-attempt-refused", "finished");
        assertThat(history.events(tenant, runId)).filteredOn(e -> e.kind().equals("stale-attempt-refused"))
                .allMatch(e -> e.attempt() == 1);
        assertThatThrownBy(() -> queue.commit(runId, 2, tx -> null))
                .as("a finished run takes no more work").isInstanceOf(StaleAttemptException.class);
        assertThat(queue.renew(runId, 2, LONG_LEASE)).isFalse();

        UUID next = commands.enqueue(tenant, integration, RunTrigger.SCHEDULE);
        ClaimedRun nextClaim = only(queue.claim("worker-c", LONG_LEASE, 5));
        assertThat(nextClaim.runId()).isEqualTo(next);
        assertThat(nextClaim.resumeFrom()).as("the next run resumes where the last one stopped")
                .contains(new Checkpoint("page-2-by-b"));
    }

    @Test
    void a_requeued_run_is_not_claimed_before_it_is_due_and_is_requeued_at_most_max_retries_times() {
        TenantId tenant = new TenantId(newTenant("Backoff"));
        UUID runId = commands.enqueue(tenant, UUID.randomUUID(), RunTrigger.SCHEDULE);
        ClaimedRun first = only(queue.claim("worker-a", LONG_LEASE, 5));

        assertThat(queue.requeue(runId, first.attempt(), 1, retries -> Duration.ofMillis(600), RunCounts.NONE,
                "TRANSIENT: down")).isTrue();
        assertThat(history.find(tenant, runId).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(queue.claim("worker-b", LONG_LEASE, 5)).as("not before it is due").isEmpty();
        assertThatThrownBy(() -> queue.requeue(runId, first.attempt(), 1, retries -> Duration.ZERO, RunCounts.NONE,
                "stale")).isInstanceOf(StaleAttemptException.class);

        ClaimedRun second = only(Await.until(Duration.ofSeconds(5), "the run claimed once due",
                () -> queue.claim("worker-b", LONG_LEASE, 5), claimed -> !claimed.isEmpty()));
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(queue.requeue(runId, second.attempt(), 1, retries -> Duration.ZERO, RunCounts.NONE,
                "TRANSIENT: still down")).as("the retries are spent").isFalse();
        assertThat(history.find(tenant, runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(history.find(tenant, runId).orElseThrow().retries()).isEqualTo(1);
        assertThat(history.events(tenant, runId)).extracting(RunEvent::kind).contains("retry-scheduled");
    }

    @Test
    void a_tenant_runs_at_most_two_runs_at_once_and_others_are_not_held_up() {
        TenantId busy = new TenantId(newTenant("Busy"));
        TenantId quiet = new TenantId(newTenant("Quiet"));
        for (int i = 0; i < 5; i++) {
            commands.enqueue(busy, UUID.randomUUID(), RunTrigger.WEBHOOK);
        }
        UUID quietRun = commands.enqueue(quiet, UUID.randomUUID(), RunTrigger.MANUAL);

        List<ClaimedRun> claimed = queue.claim("worker-a", LONG_LEASE, 10);
        assertThat(claimed).filteredOn(r -> r.tenant().equals(busy)).hasSize(2);
        assertThat(claimed).filteredOn(r -> r.tenant().equals(quiet)).extracting(ClaimedRun::runId)
                .containsExactly(quietRun);
        assertThat(queue.claim("worker-b", LONG_LEASE, 10)).isEmpty();

        ClaimedRun one = claimed.stream().filter(r -> r.tenant().equals(busy)).findFirst().orElseThrow();
        queue.finish(one.runId(), one.attempt(), RunStatus.FAILED, RunCounts.NONE, "source unavailable");
        List<ClaimedRun> more = queue.claim("worker-b", LONG_LEASE, 10);
        assertThat(more).hasSize(1).allMatch(r -> r.tenant().equals(busy));
        assertThat(history.find(busy, one.runId()).orElseThrow().error()).isEqualTo("source unavailable");
    }

    @Test
    void a_tenant_with_many_queued_runs_delays_another_tenants_single_run_by_at_most_one_run() {
        TenantId flooding = new TenantId(newTenant("Flooding"));
        TenantId single = new TenantId(newTenant("Single"));
        UUID integration = UUID.randomUUID();
        List<UUID> flood = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            flood.add(commands.enqueue(flooding, integration, RunTrigger.SCHEDULE));
        }
        UUID singleRun = commands.enqueue(single, UUID.randomUUID(), RunTrigger.MANUAL);

        // One run per claim, each finished at once, as a busy worker pool would: the flooding
        // tenant is never at its cap, so only the claim order protects the single run.
        List<UUID> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClaimedRun run = only(queue.claim("worker-a", LONG_LEASE, 1));
            order.add(run.runId());
            queue.finish(run.runId(), run.attempt(), RunStatus.SUCCEEDED, RunCounts.NONE, null);
        }
        assertThat(order).as("claim order").startsWith(flood.get(0)).contains(singleRun);
        assertThat(order.indexOf(singleRun)).as("runs claimed before the single run").isLessThanOrEqualTo(1);
        // Within one tenant, runs are still claimed oldest first.
        assertThat(order.get(2)).isEqualTo(flood.get(1));
    }

    @Test
    void another_tenant_cannot_see_or_touch_a_run() throws SQLException {
        TenantId a = new TenantId(newTenant("Owner of the run"));
        TenantId b = new TenantId(newTenant("Stranger"));
        UUID runId = commands.enqueue(a, UUID.randomUUID(), RunTrigger.MANUAL);
        ClaimedRun claimed = only(queue.claim("worker-a", LONG_LEASE, 1));
        assertThat(claimed.runId()).isEqualTo(runId);

        assertThat(history.find(b, runId)).isEmpty();
        assertThat(history.events(b, runId)).isEmpty();
        assertThatThrownBy(() -> commands.requestCancel(scope(b), runId))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type().name()).isEqualTo("NOT_FOUND"));

        try (Connection c = TestDatabase.shared().app().connect()) {
            c.setAutoCommit(false);
            assertThat(count(c, "SELECT count(*) FROM runs WHERE id = ?", runId)).as("no tenant").isZero();
            assertThat(count(c, "SELECT count(*) FROM run_events WHERE run_id = ?", runId)).isZero();
            setTenant(c, b);
            assertThat(count(c, "SELECT count(*) FROM runs WHERE id = ?", runId)).isZero();
            assertThat(count(c, "SELECT count(*) FROM run_events WHERE run_id = ?", runId)).isZero();
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = 'failed' WHERE id = ?")) {
                ps.setObject(1, runId);
                assertThat(ps.executeUpdate()).isZero();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (tenant_id, id, integration_id, trigger)"
                    + " VALUES (?, ?, ?, 'manual')")) {
                ps.setObject(1, a.value());
                ps.setObject(2, UUID.randomUUID());
                ps.setObject(3, UUID.randomUUID());
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("row-level security");
            }
            c.rollback();
            setTenant(c, a);
            assertThat(count(c, "SELECT count(*) FROM runs WHERE id = ? AND status = 'running'", runId)).isOne();
            c.rollback();
        }
        assertThat(history.find(a, runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void a_cancel_request_cancels_a_queued_run_and_reaches_the_worker_of_a_running_one() {
        TenantId tenant = new TenantId(newTenant("Cancels"));
        UUID first = commands.enqueue(tenant, UUID.randomUUID(), RunTrigger.MANUAL);
        ClaimedRun running = only(queue.claim("worker-a", LONG_LEASE, 1));
        assertThat(running.runId()).isEqualTo(first);
        assertThat(running.cancelRequested()).isFalse();
        UUID queued = commands.enqueue(tenant, UUID.randomUUID(), RunTrigger.MANUAL);

        assertThat(commands.requestCancel(scope(tenant), queued)).isEqualTo(RunStatus.CANCELLED);
        assertThat(history.find(tenant, queued).orElseThrow().finishedAt()).isNotNull();
        assertThat(queue.claim("worker-b", LONG_LEASE, 5)).as("a cancelled run is not claimed").isEmpty();

        assertThat(queue.cancelRequested(first)).isFalse();
        assertThat(commands.requestCancel(scope(tenant), first)).isEqualTo(RunStatus.RUNNING);
        assertThat(queue.cancelRequested(first)).isTrue();
        assertThat(history.find(tenant, first).orElseThrow().cancelRequested()).isTrue();
        assertThat(queue.renew(first, running.attempt(), LONG_LEASE)).isTrue();
        queue.finish(first, running.attempt(), RunStatus.CANCELLED, new RunCounts(3, 3, 0, 0), null);
        assertThat(history.find(tenant, first).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(commands.requestCancel(scope(tenant), first)).as("finished runs stay as they are")
                .isEqualTo(RunStatus.CANCELLED);

        assertThat(TenantFixture.audit(tenant.value(), "run.cancel-requested")).hasSize(2);
        assertThat(history.events(tenant, first)).extracting(RunEvent::kind)
                .containsExactly("claimed", "cancel-requested", "finished");
        assertThatThrownBy(() -> commands.requestCancel(new TenantScope(tenant, Actor.system("viewer"),
                Set.of(Permission.READ), Optional.empty()), first)).isInstanceOf(ProblemException.class);
    }

    private static TenantScope scope(TenantId tenant) {
        return new TenantScope(tenant, new Actor(Actor.Kind.USER, UUID.randomUUID().toString(), "operator", null),
                Set.of(Permission.READ, Permission.OPERATE), Optional.empty());
    }

    private static ClaimedRun only(List<ClaimedRun> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private static void setTenant(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.executeQuery().close();
        }
    }

    private static long count(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
