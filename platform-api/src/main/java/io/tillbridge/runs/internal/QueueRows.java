package io.tillbridge.runs.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.runs.RunStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the platform table run_queue (DD-010): a run's dispatch state, which workers claim across
 * tenants. Callers own the transaction and its scope.
 */
public final class QueueRows {

    private static final String LIVE = "status = 'running' AND lease_expires_at >= now()";
    private static final String CLAIMABLE = "((%1$sstatus = 'queued' AND (%1$snot_before IS NULL"
            + " OR %1$snot_before <= now())) OR (%1$sstatus = 'running' AND %1$slease_expires_at < now()))";

    /** A run a claimer may take: queued and due, or running with an expired lease. */
    public record Candidate(UUID runId, UUID tenant, boolean expired, String previousOwner) {
    }

    /** What a claim set: the run's new attempt and lease, and whether a user asked to cancel it. */
    public record Lease(int attempt, Instant expiresAt, boolean cancelRequested) {
    }

    /** A run's attempt and status, read with its queue row locked. */
    public record Fence(int attempt, RunStatus status) {
    }

    private QueueRows() {
    }

    /**
     * Up to {@code limit} claimable runs, locked and skipped by every other claimer until the
     * transaction ends, leaving out tenants that already run {@code maxRunningPerTenant} runs. Fair
     * between tenants (DD-018): each tenant's oldest claimable run comes before the second run of
     * any tenant, and among those the tenant served least recently (its latest claim longest ago,
     * or none) comes first. Ranks are computed without locks; the outer query locks and re-checks
     * the rows it takes.
     */
    public static List<Candidate> claimable(Connection c, int maxRunningPerTenant, int limit) throws SQLException {
        return Sql.list(c, "SELECT q.run_id, q.tenant_id, q.status = 'running',"
                + " q.lease_owner FROM run_queue q JOIN (SELECT run_id, row_number() OVER"
                + "   (PARTITION BY tenant_id ORDER BY queued_at, run_id) AS turn FROM run_queue"
                + "   WHERE " + CLAIMABLE.formatted("") + ") ranked ON ranked.run_id = q.run_id"
                + " WHERE " + CLAIMABLE.formatted("q.")
                + " AND q.tenant_id NOT IN (SELECT tenant_id FROM run_queue WHERE " + LIVE
                + "   GROUP BY tenant_id HAVING count(*) >= ?)"
                + " ORDER BY ranked.turn, (SELECT max(s.claimed_at) FROM run_queue s WHERE s.tenant_id = q.tenant_id)"
                + " NULLS FIRST, q.queued_at, q.run_id LIMIT ? FOR UPDATE OF q SKIP LOCKED",
                rs -> new Candidate(Sql.uuid(rs, 1), Sql.uuid(rs, 2), rs.getBoolean(3), rs.getString(4)),
                maxRunningPerTenant, limit);
    }

    /** Serialises claims per tenant for its cap; false when another claimer is busy with the tenant. */
    public static boolean tryLockTenant(Connection c, UUID tenant) throws SQLException {
        return Sql.first(c, "SELECT pg_try_advisory_xact_lock(hashtextextended('run-queue:' || ?, 0))",
                rs -> rs.getBoolean(1), tenant.toString()).orElse(false);
    }

    /** How many runs of the tenant hold a live lease. */
    public static int running(Connection c, UUID tenant) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM run_queue WHERE tenant_id = ? AND " + LIVE,
                rs -> rs.getInt(1), tenant).orElse(0);
    }

    /** Leases a run to {@code workerId} for {@code lease}, incrementing its attempt (the fencing token). */
    public static Lease claim(Connection c, UUID runId, String workerId, Duration lease) throws SQLException {
        return Sql.first(c, "UPDATE run_queue SET status = 'running', claimed_at = now(),"
                + " attempt = attempt + 1, lease_owner = ?, lease_expires_at = now() + ? * interval '1 millisecond'"
                + " WHERE run_id = ? RETURNING attempt, lease_expires_at, cancel_requested",
                rs -> new Lease(rs.getInt(1), Sql.instant(rs, 2), rs.getBoolean(3)),
                workerId, lease.toMillis(), runId).orElseThrow();
    }

    /** Extends a running run's lease if {@code attempt} still owns it; answers the rows changed. */
    public static int renew(Connection c, UUID runId, int attempt, Duration lease) throws SQLException {
        return Sql.update(c, "UPDATE run_queue SET lease_expires_at = now() + ? * interval '1 millisecond'"
                + " WHERE run_id = ? AND attempt = ? AND status = 'running'", lease.toMillis(), runId, attempt);
    }

    public static boolean cancelRequested(Connection c, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT cancel_requested FROM run_queue WHERE run_id = ?", rs -> rs.getBoolean(1), runId)
                .orElse(false);
    }

    /** Locks the run's queue row and reads its attempt and status; empty when the tenant has no such run. */
    public static Optional<Fence> lock(Connection c, UUID tenant, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT attempt, status FROM run_queue WHERE run_id = ? AND tenant_id = ? FOR UPDATE",
                rs -> new Fence(rs.getInt(1), RunStatus.fromWire(rs.getString(2))), runId, tenant);
    }

    public static Optional<UUID> tenantOf(Connection c, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT tenant_id FROM run_queue WHERE run_id = ?", rs -> Sql.uuid(rs, 1), runId);
    }

    /** Ends a run's dispatch with a final {@code status}: its lease is released and its tenant's slot freed. */
    public static void finished(Connection c, UUID runId, RunStatus status) throws SQLException {
        Sql.update(c, "UPDATE run_queue SET status = ?, lease_owner = NULL, lease_expires_at = NULL WHERE run_id = ?",
                status.wire(), runId);
    }

    /** How often the run was re-queued. */
    public static int retries(Connection c, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT retries FROM run_queue WHERE run_id = ?", rs -> rs.getInt(1), runId)
                .orElseThrow();
    }

    /** Queues the run again, not to be claimed before {@code delay} has passed. */
    public static void requeued(Connection c, UUID runId, Duration delay) throws SQLException {
        Sql.update(c, "UPDATE run_queue SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,"
                + " retries = retries + 1, not_before = now() + ? * interval '1 millisecond' WHERE run_id = ?",
                delay.toMillis(), runId);
    }

    /** Records a cancel request with the run's status {@code after} it. */
    public static void cancelRequested(Connection c, UUID runId, RunStatus after) throws SQLException {
        Sql.update(c, "UPDATE run_queue SET cancel_requested = true, status = ? WHERE run_id = ?", after.wire(), runId);
    }

    /**
     * Serialises enqueues for one integration until the transaction ends, so that two coalescing
     * callers cannot both add a run.
     */
    public static void lockIntegration(Connection c, UUID integrationId) throws SQLException {
        Sql.first(c, "SELECT pg_advisory_xact_lock(hashtextextended('run-enqueue:' || ?, 0))", rs -> null,
                integrationId.toString());
    }

    /**
     * A run of the integration that is still queued (not yet claimed) and reads the source stream.
     * Retry and replay runs process stored records, not the source stream: they never absorb a trigger.
     */
    public static Optional<UUID> queuedSourceRun(Connection c, UUID integrationId) throws SQLException {
        return Sql.first(c, "SELECT q.run_id FROM runs r JOIN run_queue q ON q.run_id = r.id"
                + " WHERE r.integration_id = ? AND q.status = 'queued'"
                + " AND r.trigger IN ('manual', 'schedule', 'webhook') LIMIT 1", rs -> Sql.uuid(rs, 1), integrationId);
    }
}
