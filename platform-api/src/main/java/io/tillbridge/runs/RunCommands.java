package io.tillbridge.runs;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.internal.QueueRows;
import io.tillbridge.runs.internal.RunRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What tenants and the platform ask of runs (DD-010): queue one (by hand, on a schedule or webhook,
 * as a retry of record errors, as a replay of an earlier run) and cancel one. Each run is recorded
 * in the tenant's {@code runs} (row-level security) and queued in the platform table
 * {@code run_queue}, from which workers claim it ({@link io.tillbridge.runs.queue.RunLeases}).
 * Reading a tenant's runs is {@link RunHistory}.
 */
@Singleton
public class RunCommands {

    private final TenantTransactions tenants;
    private final AuditLog audit;

    public RunCommands(TenantTransactions tenants, AuditLog audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    /** Queues a run that a user or partner started by hand; recorded in the audit log. */
    public UUID enqueue(TenantScope scope, UUID integrationId) {
        scope.require(Permission.OPERATE);
        return tenants.write(scope.tenant(), c -> {
            UUID runId = RunRows.insert(c, scope.tenant().value(), integrationId, RunTrigger.MANUAL, null);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("run.enqueued", "run", runId)
                    .after(Map.of("integrationId", integrationId.toString(), "trigger", RunTrigger.MANUAL.wire())));
            return runId;
        });
    }

    /** Queues a run that the platform started (schedule, webhook, retry). */
    public UUID enqueue(TenantId tenant, UUID integrationId, RunTrigger trigger) {
        return tenants.write(tenant, c -> enqueue(c, tenant, integrationId, trigger));
    }

    /**
     * Queues a run inside the caller's transaction of {@code tenant}, so that it commits with what
     * asked for it (for example the record errors a retry run is to process).
     */
    public UUID enqueue(Connection c, TenantId tenant, UUID integrationId, RunTrigger trigger) throws SQLException {
        return RunRows.insert(c, tenant.value(), integrationId, trigger, null);
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
            UUID replay = RunRows.insert(c, scope.tenant().value(), replayed.integrationId(), RunTrigger.REPLAY, runId);
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
            QueueRows.lockIntegration(c, integrationId);
            Optional<UUID> queued = QueueRows.queuedSourceRun(c, integrationId);
            if (queued.isPresent()) {
                return new Enqueued(queued.get(), true);
            }
            return new Enqueued(enqueue(c, tenant, integrationId, trigger), false);
        });
    }

    /**
     * Asks to cancel a run. A queued run is cancelled at once; a running run is flagged, and its
     * worker sees the flag ({@link io.tillbridge.runs.queue.RunLeases#cancelRequested},
     * {@link io.tillbridge.runs.queue.ClaimedRun#cancelRequested()}) and stops. A finished run is
     * left as it is. Recorded in the audit log. Returns the run's status after.
     */
    public RunStatus requestCancel(TenantScope scope, UUID runId) {
        scope.require(Permission.OPERATE);
        TenantId tenant = scope.tenant();
        return tenants.write(tenant, c -> {
            RunStatus before = QueueRows.lock(c, tenant.value(), runId)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such run.")).status();
            if (before.isFinal()) {
                return before;
            }
            RunStatus after = before == RunStatus.QUEUED ? RunStatus.CANCELLED : before;
            QueueRows.cancelRequested(c, runId, after);
            RunRows.cancelRequested(c, runId, after);
            RunRows.event(c, tenant.value(), runId, "cancel-requested", null, "by " + scope.actor().kindWire()
                    + " " + scope.actor().id() + (after.isFinal() ? "; cancelled before it started" : ""));
            audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("run.cancel-requested", "run", runId)
                    .before(Map.of("status", before.wire())).after(Map.of("status", after.wire())));
            return after;
        });
    }
}
