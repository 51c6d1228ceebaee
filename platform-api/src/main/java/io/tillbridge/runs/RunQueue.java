package io.tillbridge.runs;

import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.internal.RunRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The run queue (DD-010). A run's tenant record lives in {@code runs} (row-level security); its
 * dispatch state lives in the platform table {@code run_queue}, which workers claim across tenants
 * with {@code SELECT ... FOR UPDATE SKIP LOCKED}. Every claim increments the run's attempt, the
 * fencing token: {@link #renew}, {@link #commit} and {@link #finish} are refused for any other
 * attempt, so a worker that was paused past its lease cannot write over the worker that took over.
 * Reading a tenant's runs, their events and stored records is {@link RunHistory}.
 */
@Singleton
public class RunQueue {

    /** Caps how many runs of one tenant run at once. */
    public static final String MAX_RUNNING_PER_TENANT = "tillbridge.runs.max-running-per-tenant";

    private static final String LIVE = "status = 'running' AND lease_expires_at >= now()";
    private static final String CLAIMABLE = "((%1$sstatus = 'queued' AND (%1$snot_before IS NULL"
            + " OR %1$snot_before <= now())) OR (%1$sstatus = 'running' AND %1$slease_expires_at < now()))";

    private final TenantTransactions tenants;
    private final AuditLog audit;
    private final int maxRunningPerTenant;

    public RunQueue(TenantTransactions tenants, AuditLog audit,
            @Value("${" + MAX_RUNNING_PER_TENANT + ":2}") int maxRunningPerTenant) {
        if (maxRunningPerTenant < 1) {
            throw new IllegalArgumentException(MAX_RUNNING_PER_TENANT + " must be at least 1");
        }
        this.tenants = tenants;
        this.audit = audit;
        this.maxRunningPerTenant = maxRunningPerTenant;
    }

    /** Work done in a run's fenced transaction. */
    @FunctionalInterface
    public interface Work<R> {
        R run(RunTransaction transaction) throws SQLException;
    }

    /** Queues a run that a user or partner started by hand; recorded in the audit log. */
    public UUID enqueue(TenantScope scope, UUID integrationId) {
        scope.require(Permission.OPERATE);
        return tenants.write(scope.tenant(), c -> {
            UUID runId = insert(c, scope.tenant(), integrationId, RunTrigger.MANUAL);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("run.enqueued", "run", runId)
                    .after(Map.of("integrationId", integrationId.toString(), "trigger", RunTrigger.MANUAL.wire())));
            return runId;
        });
    }

    /** Queues a run that the platform started (schedule, webhook, retry). */
    public UUID enqueue(TenantId tenant, UUID integrationId, RunTrigger trigger) {
        return tenants.write(tenant, c -> insert(c, tenant, integrationId, trigger));
    }

    /**
     * Queues a run inside the caller's transaction of {@code tenant}, so that it commits with what
     * asked for it (for example the record errors a retry run is to process).
     */
    public UUID enqueue(Connection c, TenantId tenant, UUID integrationId, RunTrigger trigger) throws SQLException {
        return insert(c, tenant, integrationId, trigger, null);
    }

    /**
     * Queues a replay of {@code runId}: a run of the same integration that re-processes the source
     * records that run stored, through the ledger (unchanged ones are skipped). 404 for an unknown
     * run; 409 when the run read records but retention has purged them; recorded in the audit log.
     */
    public UUID enqueueReplay(TenantScope scope, UUID runId) {
        scope.require(Permission.OPERATE);
        return tenants.write(scope.tenant(), c -> {
            Run replayed = RunRows.find(c, runId)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such run."));
            if (replayed.counts().read() > 0 && !RunRows.hasStoredRecords(c, runId)) {
                throw new ProblemException(ProblemType.CONFLICT, "The source records this run stored are gone:"
                        + " retention purges them some time after a run ends (tillbridge.retention.run-records)."
                        + " Start a new run instead.");
            }
            UUID replay = insert(c, scope.tenant(), replayed.integrationId(), RunTrigger.REPLAY, runId);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("run.replay-requested", "run", replay)
                    .after(Map.of("integrationId", replayed.integrationId().toString(), "replayOf", runId.toString(),
                            "trigger", RunTrigger.REPLAY.wire())));
            return replay;
        });
    }

    /** The run that a coalesced enqueue left queued: a new one, or one that was queued already. */
    public record Enqueued(UUID runId, boolean coalesced) {
    }

    /**
     * Queues a run that the platform started, unless a run of the same integration is still queued
     * (not yet claimed): then that run is answered and nothing is added. Concurrent callers for one
     * integration are serialised by a transaction-level advisory lock, so they cannot both add one.
     * Joins the caller's transaction of {@code tenant} when there is one.
     */
    public Enqueued enqueueCoalesced(TenantId tenant, UUID integrationId, RunTrigger trigger) {
        return tenants.write(tenant, c -> {
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended('run-enqueue:' || ?, 0))")) {
                lock.setString(1, integrationId.toString());
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT q.run_id FROM runs r JOIN run_queue q"
                    + " ON q.run_id = r.id WHERE r.integration_id = ? AND q.status = 'queued'"
                    // Retry and replay runs process stored records, not the source stream: they never absorb a trigger.
                    + " AND r.trigger IN ('manual', 'schedule', 'webhook') LIMIT 1")) {
                ps.setObject(1, integrationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Enqueued(rs.getObject(1, UUID.class), true);
                    }
                }
            }
            return new Enqueued(insert(c, tenant, integrationId, trigger), false);
        });
    }

    private static UUID insert(Connection c, TenantId tenant, UUID integrationId, RunTrigger trigger)
            throws SQLException {
        return insert(c, tenant, integrationId, trigger, null);
    }

    private static UUID insert(Connection c, TenantId tenant, UUID integrationId, RunTrigger trigger, UUID replayOf)
            throws SQLException {
        UUID runId = UUID.randomUUID();
        RunRows.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, queued_at, replay_of)"
                + " VALUES (?, ?, ?, ?, clock_timestamp(), ?)", tenant.value(), runId, integrationId, trigger.wire(),
                replayOf);
        RunRows.update(c, "INSERT INTO run_queue (run_id, tenant_id, queued_at)"
                + " SELECT id, tenant_id, queued_at FROM runs WHERE id = ?", runId);
        return runId;
    }

    private record Candidate(UUID runId, UUID tenant, boolean expired, String previousOwner) {
    }

    private record Claim(UUID runId, UUID tenant, int attempt, Instant leaseExpiresAt, boolean cancelRequested,
            boolean takenOver, String previousOwner) {
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
        List<Claim> claims = tenants.withoutTenant(c -> claimRows(c, workerId, lease, max));
        List<ClaimedRun> claimed = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            claimed.add(tenants.write(new TenantId(claim.tenant()), c -> started(c, workerId, claim)));
        }
        return claimed;
    }

    private List<Claim> claimRows(Connection c, String workerId, Duration lease, int max) throws SQLException {
        // Candidates are locked and skipped by every other claimer until this transaction ends.
        // Tenants already at their cap are left out here; the cap is checked again below, under a
        // per-tenant advisory lock, because two claimers may both see room for one more run.
        // Fair between tenants (DD-018): each tenant's oldest claimable run comes before the second
        // run of any tenant, and among those the tenant served least recently (its latest claim
        // longest ago, or none) comes first: round-robin, so a tenant with a hundred queued runs
        // delays another tenant's single run by at most one run. Ranks are computed without locks;
        // the outer query locks and re-checks the rows it takes.
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT q.run_id, q.tenant_id, q.status = 'running',"
                + " q.lease_owner FROM run_queue q JOIN (SELECT run_id, row_number() OVER"
                + "   (PARTITION BY tenant_id ORDER BY queued_at, run_id) AS turn FROM run_queue"
                + "   WHERE " + CLAIMABLE.formatted("") + ") ranked ON ranked.run_id = q.run_id"
                + " WHERE " + CLAIMABLE.formatted("q.")
                + " AND q.tenant_id NOT IN (SELECT tenant_id FROM run_queue WHERE " + LIVE
                + "   GROUP BY tenant_id HAVING count(*) >= ?)"
                + " ORDER BY ranked.turn, (SELECT max(s.claimed_at) FROM run_queue s WHERE s.tenant_id = q.tenant_id)"
                + " NULLS FIRST, q.queued_at, q.run_id LIMIT ? FOR UPDATE OF q SKIP LOCKED")) {
            ps.setInt(1, maxRunningPerTenant);
            ps.setInt(2, max * 4);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getBoolean(3), rs.getString(4)));
                }
            }
        }
        Map<UUID, Integer> room = new HashMap<>();
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (chosen.size() == max) {
                break;
            }
            Integer left = room.get(candidate.tenant());
            if (left == null) {
                left = lockTenant(c, candidate.tenant()) ? maxRunningPerTenant - running(c, candidate.tenant()) : 0;
            }
            if (left > 0) {
                chosen.add(candidate);
                left--;
            }
            room.put(candidate.tenant(), left);
        }
        List<Claim> claims = new ArrayList<>(chosen.size());
        try (PreparedStatement ps = c.prepareStatement("UPDATE run_queue SET status = 'running', claimed_at = now(),"
                + " attempt = attempt + 1, lease_owner = ?, lease_expires_at = now() + ? * interval '1 millisecond'"
                + " WHERE run_id = ? RETURNING attempt, lease_expires_at, cancel_requested")) {
            for (Candidate candidate : chosen) {
                ps.setString(1, workerId);
                ps.setLong(2, lease.toMillis());
                ps.setObject(3, candidate.runId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    claims.add(new Claim(candidate.runId(), candidate.tenant(), rs.getInt(1),
                            RunRows.instant(rs, 2), rs.getBoolean(3), candidate.expired(), candidate.previousOwner()));
                }
            }
        }
        return claims;
    }

    /** Serialises claims per tenant for the cap; a tenant another claimer is busy with is skipped. */
    private static boolean lockTenant(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(hashtextextended('run-queue:' || ?, 0))")) {
            ps.setString(1, tenant.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static int running(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM run_queue WHERE tenant_id = ? AND " + LIVE)) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Mirrors a claim into the tenant's run record, in the tenant's scope. */
    private static ClaimedRun started(Connection c, String workerId, Claim claim) throws SQLException {
        RunRows.update(c, "UPDATE runs SET status = 'running', attempt = ?, lease_owner = ?,"
                + " started_at = coalesce(started_at, now()),"
                + " checkpoint_before = coalesce(checkpoint_before, (SELECT p.checkpoint_after FROM runs p"
                + "   WHERE p.integration_id = runs.integration_id AND p.id <> runs.id AND NOT p.shadow"
                + "   AND p.checkpoint_after IS NOT NULL ORDER BY p.queued_at DESC LIMIT 1))"
                + " WHERE id = ? AND attempt < ?", claim.attempt(), workerId, claim.runId(), claim.attempt());
        if (claim.takenOver()) {
            RunRows.event(c, claim.tenant(), claim.runId(), "taken-over", claim.attempt(),
                    "lease of " + claim.previousOwner() + " expired; claimed by " + workerId);
        } else {
            RunRows.event(c, claim.tenant(), claim.runId(), "claimed", claim.attempt(), "claimed by " + workerId);
        }
        Run run = RunRows.find(c, claim.runId()).orElseThrow();
        String resume = run.checkpointAfter() != null ? run.checkpointAfter() : run.checkpointBefore();
        return new ClaimedRun(claim.runId(), new TenantId(claim.tenant()), run.integrationId(), run.trigger(),
                claim.attempt(), claim.leaseExpiresAt(), Optional.ofNullable(resume).map(Checkpoint::new),
                claim.takenOver(), claim.cancelRequested());
    }

    /** Extends the lease of a run by {@code lease}; false when {@code attempt} no longer owns it. */
    public boolean renew(UUID runId, int attempt, Duration lease) {
        return tenants.withoutTenant(c -> RunRows.update(c, "UPDATE run_queue"
                + " SET lease_expires_at = now() + ? * interval '1 millisecond'"
                + " WHERE run_id = ? AND attempt = ? AND status = 'running'", lease.toMillis(), runId, attempt)) == 1;
    }

    /** True when a user asked to cancel the run: the worker should stop and finish it as cancelled. */
    public boolean cancelRequested(UUID runId) {
        return tenants.withoutTenant(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cancel_requested FROM run_queue WHERE run_id = ?")) {
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
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
        if (!status.isFinal()) {
            throw new IllegalArgumentException("A run finishes as succeeded, failed or cancelled, not " + status);
        }
        commit(runId, attempt, tx -> {
            Connection c = tx.connection();
            RunRows.update(c, "UPDATE run_queue SET status = ?, lease_owner = NULL, lease_expires_at = NULL"
                    + " WHERE run_id = ?", status.wire(), runId);
            RunRows.update(c, "UPDATE runs SET status = ?, finished_at = now(), error = ?, lease_owner = NULL"
                    + " WHERE id = ?", status.wire(), error, runId);
            RunRows.saveCounts(c, runId, counts);
            RunRows.event(c, tx.tenant().value(), runId, "finished", attempt, status.wire());
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
            int retries;
            try (PreparedStatement ps = c.prepareStatement("SELECT retries FROM run_queue WHERE run_id = ?")) {
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    retries = rs.getInt(1);
                }
            }
            if (retries >= maxRetries) {
                return false;
            }
            Duration delay = delayAfter.apply(retries);
            RunRows.update(c, "UPDATE run_queue SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,"
                    + " retries = retries + 1, not_before = now() + ? * interval '1 millisecond' WHERE run_id = ?",
                    delay.toMillis(), runId);
            RunRows.update(c, "UPDATE runs SET status = 'queued', lease_owner = NULL, retries = retries + 1"
                    + " WHERE id = ?", runId);
            RunRows.saveCounts(c, runId, counts);
            RunRows.event(c, tx.tenant().value(), runId, "retry-scheduled", attempt, error + "; retry "
                    + (retries + 1) + " of " + maxRetries + " in " + delay.toMillis() + " ms");
            return true;
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
        int current;
        RunStatus status;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT attempt, status FROM run_queue WHERE run_id = ? AND tenant_id = ? FOR UPDATE")) {
            ps.setObject(1, runId);
            ps.setObject(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("No run " + runId);
                }
                current = rs.getInt(1);
                status = RunStatus.fromWire(rs.getString(2));
            }
        }
        if (current == attempt && status == RunStatus.RUNNING) {
            return null;
        }
        StaleAttemptException refusal = new StaleAttemptException(runId, attempt, current, status);
        RunRows.event(c, tenant, runId, "stale-attempt-refused", attempt, refusal.getMessage());
        return refusal;
    }

    private UUID tenantOf(UUID runId) {
        return tenants.withoutTenant(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM run_queue WHERE run_id = ?")) {
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("No run " + runId);
                    }
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    /**
     * Asks to cancel a run. A queued run is cancelled at once; a running run is flagged, and its
     * worker sees the flag ({@link #cancelRequested}, {@link ClaimedRun#cancelRequested()}) and stops.
     * A finished run is left as it is. Recorded in the audit log. Returns the run's status after.
     */
    public RunStatus requestCancel(TenantScope scope, UUID runId) {
        scope.require(Permission.OPERATE);
        TenantId tenant = scope.tenant();
        return tenants.write(tenant, c -> {
            RunStatus before;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status FROM run_queue WHERE run_id = ? AND tenant_id = ? FOR UPDATE")) {
                ps.setObject(1, runId);
                ps.setObject(2, tenant.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ProblemException(ProblemType.NOT_FOUND, "No such run.");
                    }
                    before = RunStatus.fromWire(rs.getString(1));
                }
            }
            if (before.isFinal()) {
                return before;
            }
            RunStatus after = before == RunStatus.QUEUED ? RunStatus.CANCELLED : before;
            RunRows.update(c, "UPDATE run_queue SET cancel_requested = true, status = ? WHERE run_id = ?",
                    after.wire(), runId);
            RunRows.update(c, "UPDATE runs SET cancel_requested = true, status = ?,"
                    + " finished_at = CASE WHEN ? THEN now() ELSE finished_at END WHERE id = ?",
                    after.wire(), after.isFinal(), runId);
            RunRows.event(c, tenant.value(), runId, "cancel-requested", null, "by " + scope.actor().kindWire()
                    + " " + scope.actor().id() + (after.isFinal() ? "; cancelled before it started" : ""));
            audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("run.cancel-requested", "run", runId)
                    .before(Map.of("status", before.wire())).after(Map.of("status", after.wire())));
            return after;
        });
    }
}
