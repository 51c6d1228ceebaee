package io.tillbridge.runs.queue;

import io.micronaut.context.annotation.Value;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.internal.QueueRows;
import io.tillbridge.runs.internal.RunRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The workers' side of the run queue (DD-010): claiming runs, renewing their leases, committing
 * their work fenced by the attempt, finishing and re-queueing them. A run's dispatch state lives in
 * the platform table {@code run_queue}, which workers claim across tenants with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}. Every claim increments the run's attempt, the fencing
 * token: {@link #renew}, {@link #commit} and {@link #finish} are refused for any other attempt, so a
 * worker that was paused past its lease cannot write over the worker that took over. Queueing and
 * cancelling runs is {@link io.tillbridge.runs.RunCommands}.
 */
@Singleton
public class RunLeases {

    /** Caps how many runs of one tenant run at once. */
    public static final String MAX_RUNNING_PER_TENANT = "tillbridge.runs.max-running-per-tenant";

    private final TenantTransactions tenants;
    private final int maxRunningPerTenant;

    public RunLeases(TenantTransactions tenants,
            @Value("${" + MAX_RUNNING_PER_TENANT + ":2}") int maxRunningPerTenant) {
        if (maxRunningPerTenant < 1) {
            throw new IllegalArgumentException(MAX_RUNNING_PER_TENANT + " must be at least 1");
        }
        this.tenants = tenants;
        this.maxRunningPerTenant = maxRunningPerTenant;
    }

    /** Work done in a run's fenced transaction. */
    @FunctionalInterface
    public interface Work<R> {
        R run(RunTransaction transaction) throws SQLException;
    }

    private record Claim(QueueRows.Candidate candidate, QueueRows.Lease lease) {
    }

    /**
     * Claims up to {@code max} runs for {@code workerId}: queued runs, and running runs whose lease
     * expired (their worker is presumed dead), oldest first but round-robin between tenants (each
     * tenant's oldest run before any tenant's second), at most
     * {@value #MAX_RUNNING_PER_TENANT} (default 2) running runs per tenant. Each claim increments
     * the run's attempt and leases the run to the worker for {@code lease}.
     */
    public List<ClaimedRun> claim(String workerId, Duration lease, int max) {
        if (workerId == null || workerId.isBlank() || max < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("A claim needs a worker id, a positive lease and a positive max");
        }
        List<Claim> claims = tenants.withoutTenant(c -> claim(c, workerId, lease, max));
        List<ClaimedRun> claimed = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            claimed.add(tenants.write(new TenantId(claim.candidate().tenant()), c -> started(c, workerId, claim)));
        }
        return claimed;
    }

    private List<Claim> claim(Connection c, String workerId, Duration lease, int max) throws SQLException {
        // Candidates are locked and skipped by every other claimer until this transaction ends.
        // Tenants already at their cap are left out there; the cap is checked again below, under a
        // per-tenant advisory lock, because two claimers may both see room for one more run.
        // Round-robin between tenants (DD-018): a tenant with a hundred queued runs delays another
        // tenant's single run by at most one run.
        List<QueueRows.Candidate> candidates = QueueRows.claimable(c, maxRunningPerTenant, max * 4);
        Map<UUID, Integer> room = new HashMap<>();
        List<QueueRows.Candidate> chosen = new ArrayList<>();
        for (QueueRows.Candidate candidate : candidates) {
            if (chosen.size() == max) {
                break;
            }
            Integer left = room.get(candidate.tenant());
            if (left == null) {
                left = QueueRows.tryLockTenant(c, candidate.tenant())
                        ? maxRunningPerTenant - QueueRows.running(c, candidate.tenant()) : 0;
            }
            if (left > 0) {
                chosen.add(candidate);
                left--;
            }
            room.put(candidate.tenant(), left);
        }
        List<Claim> claims = new ArrayList<>(chosen.size());
        for (QueueRows.Candidate candidate : chosen) {
            claims.add(new Claim(candidate, QueueRows.claim(c, candidate.runId(), workerId, lease)));
        }
        return claims;
    }

    /** Mirrors a claim into the tenant's run record, in the tenant's scope. */
    private static ClaimedRun started(Connection c, String workerId, Claim claim) throws SQLException {
        QueueRows.Candidate candidate = claim.candidate();
        int attempt = claim.lease().attempt();
        RunRows.started(c, candidate.runId(), attempt, workerId);
        if (candidate.expired()) {
            RunRows.event(c, candidate.tenant(), candidate.runId(), "taken-over", attempt,
                    "lease of " + candidate.previousOwner() + " expired; claimed by " + workerId);
        } else {
            RunRows.event(c, candidate.tenant(), candidate.runId(), "claimed", attempt, "claimed by " + workerId);
        }
        Run run = RunRows.find(c, candidate.runId()).orElseThrow();
        String resume = run.checkpointAfter() != null ? run.checkpointAfter() : run.checkpointBefore();
        return new ClaimedRun(candidate.runId(), new TenantId(candidate.tenant()), run.integrationId(), run.trigger(),
                attempt, claim.lease().expiresAt(), Optional.ofNullable(resume).map(Checkpoint::new),
                candidate.expired(), claim.lease().cancelRequested());
    }

    /** Extends the lease of a run by {@code lease}; false when {@code attempt} no longer owns it. */
    public boolean renew(UUID runId, int attempt, Duration lease) {
        return tenants.withoutTenant(c -> QueueRows.renew(c, runId, attempt, lease)) == 1;
    }

    /** True when a user asked to cancel the run: the worker should stop and finish it as cancelled. */
    public boolean cancelRequested(UUID runId) {
        return tenants.withoutTenant(c -> QueueRows.cancelRequested(c, runId));
    }

    private record Fenced<R>(R result, StaleAttemptException refusal) {
    }

    /**
     * Runs {@code work} in one transaction of the run's tenant, after locking the run's queue row
     * and checking that {@code attempt} still owns the running run. A stale attempt is refused with
     * {@link StaleAttemptException}, and the refusal is recorded as a run event; the work is not run.
     * While the transaction lasts, no claimer can take the run over.
     */
    public <R> R commit(UUID runId, int attempt, Work<R> work) {
        UUID tenant = tenantOf(runId);
        Fenced<R> fenced = tenants.write(new TenantId(tenant), c -> {
            StaleAttemptException refusal = fence(c, tenant, runId, attempt);
            if (refusal != null) {
                return new Fenced<R>(null, refusal);
            }
            return new Fenced<>(work.run(new RunTransaction(c, new TenantId(tenant), runId, attempt)), null);
        });
        if (fenced.refusal() != null) {
            throw fenced.refusal();
        }
        return fenced.result();
    }

    /**
     * Ends a run with a final {@code status}, its final counts and error (null on success), fenced
     * like {@link #commit}. The run's lease is released and its tenant's slot freed.
     */
    public void finish(UUID runId, int attempt, RunStatus status, RunCounts counts, String error) {
        finish(runId, attempt, status, counts, error, null);
    }

    /**
     * {@link #finish(UUID, int, RunStatus, RunCounts, String)}, running {@code alsoInTransaction} (when
     * not null) in the same fenced transaction after the run is finished: what must commit exactly
     * when the run's end commits (its event for subscribers).
     */
    public void finish(UUID runId, int attempt, RunStatus status, RunCounts counts, String error,
            Work<Void> alsoInTransaction) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("A run finishes as succeeded, failed or cancelled, not " + status);
        }
        commit(runId, attempt, tx -> {
            Connection c = tx.connection();
            QueueRows.finished(c, runId, status);
            RunRows.finished(c, runId, status, error);
            RunRows.saveCounts(c, runId, counts);
            RunRows.event(c, tx.tenant().value(), runId, "finished", attempt, status.wire());
            if (alsoInTransaction != null) {
                alsoInTransaction.run(tx);
            }
            return null;
        });
    }

    /**
     * Puts a run that failed with a transient error back in the queue, not to be claimed before
     * {@code delayAfter.apply(retries so far)} has passed, fenced like {@link #commit}. Answers false, changing nothing, when
     * the run was re-queued {@code maxRetries} times already: the caller then fails it.
     */
    public boolean requeue(UUID runId, int attempt, int maxRetries, IntFunction<Duration> delayAfter, RunCounts counts,
            String error) {
        return commit(runId, attempt, tx -> {
            Connection c = tx.connection();
            int retries = QueueRows.retries(c, runId);
            if (retries >= maxRetries) {
                return false;
            }
            Duration delay = delayAfter.apply(retries);
            QueueRows.requeued(c, runId, delay);
            RunRows.requeued(c, runId);
            RunRows.saveCounts(c, runId, counts);
            RunRows.event(c, tx.tenant().value(), runId, "retry-scheduled", attempt, error + "; retry "
                    + (retries + 1) + " of " + maxRetries + " in " + delay.toMillis() + " ms");
            return true;
        });
    }

    /**
     * Adds the CPU time that {@code attempt} took to the run's record, fenced like {@link #commit}:
     * called as the attempt ends, before it is finished or re-queued, so that a run's
     * {@code cpu_millis} adds up its attempts.
     */
    public void addCpuTime(UUID runId, int attempt, long cpuMillis) {
        if (cpuMillis < 0) {
            throw new IllegalArgumentException("CPU time cannot be negative");
        }
        commit(runId, attempt, tx -> {
            RunRows.addCpuMillis(tx.connection(), runId, cpuMillis);
            return null;
        });
    }

    /** Records a run event in the run's own transaction (for example a retried batch write). */
    public void event(UUID runId, int attempt, String kind, String detail) {
        commit(runId, attempt, tx -> {
            RunRows.event(tx.connection(), tx.tenant().value(), runId, kind, attempt, detail);
            return null;
        });
    }

    private static StaleAttemptException fence(Connection c, UUID tenant, UUID runId, int attempt)
            throws SQLException {
        QueueRows.Fence current = QueueRows.lock(c, tenant, runId)
                .orElseThrow(() -> new IllegalArgumentException("No run " + runId));
        if (current.attempt() == attempt && current.status() == RunStatus.RUNNING) {
            return null;
        }
        StaleAttemptException refusal = new StaleAttemptException(runId, attempt, current.attempt(), current.status());
        RunRows.event(c, tenant, runId, "stale-attempt-refused", attempt, refusal.getMessage());
        return refusal;
    }

    private UUID tenantOf(UUID runId) {
        return tenants.withoutTenant(c -> QueueRows.tenantOf(c, runId)
                .orElseThrow(() -> new IllegalArgumentException("No run " + runId)));
    }
}
