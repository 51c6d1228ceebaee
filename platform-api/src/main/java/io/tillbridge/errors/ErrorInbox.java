package io.tillbridge.errors;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.internal.RecordErrorRows;
import io.tillbridge.events.EventTypes;
import io.tillbridge.events.PlatformEvents;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.runs.queue.RunTransaction;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The record-level error inbox (DD-012). Runs report failed records inside their fenced page
 * transaction; there is one open error per integration, source key and category, and a repeated
 * failure bumps its occurrences. A record written by a later run resolves its open errors. Users
 * read, retry (a run with trigger {@code retry} re-processes the stored source records), resolve
 * and ignore errors; every action is audited.
 */
@Singleton
public class ErrorInbox {

    /** Error ids a record_error.opened event lists at most. */
    static final int EVENT_ERROR_IDS = 20;

    private final TenantTransactions tenants;
    private final PlatformEvents events;
    private final RunCommands runs;
    private final AuditLog audit;

    public ErrorInbox(TenantTransactions tenants, RunCommands runs, AuditLog audit, PlatformEvents events) {
        this.events = events;
        this.tenants = tenants;
        this.runs = runs;
        this.audit = audit;
    }

    // --- for runs ---------------------------------------------------------------------------

    /** Records the failures of a page, inside the run's fenced page transaction. */
    public void record(RunTransaction tx, UUID integrationId, Collection<RecordFailure> failures) throws SQLException {
        if (failures.isEmpty()) {
            return;
        }
        List<UUID> opened = RecordErrorRows.record(tx.connection(), tx.tenant().value(), integrationId, tx.runId(),
                failures);
        if (!opened.isEmpty()) {
            // One event per page that opened errors, with at most 20 ids, so that a bad page cannot flood subscribers.
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("integrationId", integrationId.toString());
            data.put("runId", tx.runId().toString());
            data.put("count", opened.size());
            data.put("errorIds", opened.stream().limit(EVENT_ERROR_IDS).map(UUID::toString).toList());
            data.put("link", "/api/v1/tenants/" + tx.tenant().value() + "/record-errors?integrationId=" + integrationId);
            events.publish(tx.connection(), tx.tenant(), EventTypes.RECORD_ERROR_OPENED, data);
        }
    }

    /** Resolves the open errors of records a run has now written (or found already written). */
    public void resolveWritten(RunTransaction tx, UUID integrationId, Collection<String> sourceKeys)
            throws SQLException {
        if (sourceKeys.isEmpty()) {
            return;
        }
        RecordErrorRows.resolve(tx.connection(), integrationId, sourceKeys);
    }

    /**
     * The stored source records a retry run is to re-process (one per source key), by key, after
     * {@code afterKey}.
     */
    public List<SourceRecord> recordsToRetry(TenantId tenant, UUID retryRunId, String afterKey, int limit) {
        return tenants.read(tenant, c -> RecordErrorRows.recordsToRetry(c, retryRunId, afterKey, limit));
    }

    /**
     * Reopens the errors a retry run was queued for but did not get to (it was cancelled or
     * failed): they are open again, to be retried anew.
     */
    public void reopenUnprocessed(TenantId tenant, UUID retryRunId) {
        tenants.write(tenant, c -> RecordErrorRows.reopen(c, retryRunId));
    }

    // --- for users ----------------------------------------------------------------------------

    public Page<RecordError> list(TenantScope scope, ErrorFilter filter, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        Optional<Cursor.TimeAndId> after = Cursor.timeAndId(cursor);
        Instant seen = after.map(Cursor.TimeAndId::at).orElse(null);
        UUID id = after.map(Cursor.TimeAndId::id).orElse(null);
        List<RecordError> fetched = tenants.read(scope.tenant(),
                c -> RecordErrorRows.list(c, filter, seen, id, limit + 1));
        Page<RecordError> page = Page.of(fetched, limit, e -> Cursor.of(e.firstSeenAt(), e.id()));
        return new Page<>(page.items().stream().map(RecordError::summary).toList(), page.nextCursor());
    }

    public List<ErrorCount> counts(TenantScope scope, ErrorFilter filter) {
        scope.require(Permission.READ);
        return tenants.read(scope.tenant(), c -> RecordErrorRows.counts(c, filter));
    }

    /**
     * The values the open unmapped-value errors of an integration's field hold (the field's value
     * map has no entry for them), the most frequent first, at most {@code limit} (1 to 1,000).
     */
    public List<HeldValue> heldValues(TenantScope scope, UUID integrationId, String fieldPath, int limit) {
        scope.require(Permission.READ);
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
        return tenants.read(scope.tenant(), c -> RecordErrorRows.heldValues(c, integrationId, fieldPath, limit));
    }

    public RecordError get(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return tenants.read(scope.tenant(), c -> find(c, id, false));
    }

    /** Marks an open (or retried, or ignored) error resolved. Idempotent. */
    public RecordError resolve(TenantScope scope, UUID id) {
        return close(scope, id, ErrorStatus.RESOLVED, List.of(ErrorStatus.OPEN, ErrorStatus.RETRIED, ErrorStatus.IGNORED));
    }

    /** Marks an open (or retried) error ignored. Idempotent. */
    public RecordError ignore(TenantScope scope, UUID id) {
        return close(scope, id, ErrorStatus.IGNORED, List.of(ErrorStatus.OPEN, ErrorStatus.RETRIED));
    }

    /** Queues a retry run for one open error. */
    public RetryQueued retry(TenantScope scope, UUID id) {
        return retry(scope, List.of(id));
    }

    /** Queues retry runs (one per integration) for the open errors {@code ids}: 404 for an unknown one. */
    public RetryQueued retry(TenantScope scope, List<UUID> ids) {
        scope.require(Permission.OPERATE);
        if (ids.isEmpty() || ids.size() > 1000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "ids must name 1 to 1000 errors.");
        }
        return tenants.write(scope.tenant(), c -> {
            List<RecordError> errors = new ArrayList<>();
            for (UUID id : ids.stream().distinct().toList()) {
                RecordError error = find(c, id, true);
                if (!ErrorStatus.OPEN.wire().equals(error.status())) {
                    throw new ProblemException(ProblemType.CONFLICT, "Error " + id + " is " + error.status()
                            + ": only open errors can be retried.");
                }
                errors.add(error);
            }
            return queueRetries(c, scope, errors, null);
        });
    }

    /** Queues retry runs for every open error of {@code category}, of one integration when given. */
    public RetryQueued retryAll(TenantScope scope, ErrorCategory category, UUID integrationId) {
        scope.require(Permission.OPERATE);
        return tenants.write(scope.tenant(), c -> queueRetries(c, scope,
                RecordErrorRows.openOf(c, category.wire(), integrationId), category));
    }

    private RetryQueued queueRetries(Connection c, TenantScope scope, List<RecordError> errors, ErrorCategory category)
            throws SQLException {
        Map<UUID, List<RecordError>> byIntegration = new LinkedHashMap<>();
        errors.forEach(e -> byIntegration.computeIfAbsent(e.integrationId(), k -> new ArrayList<>()).add(e));
        List<RetryQueued.Queued> queued = new ArrayList<>();
        for (Map.Entry<UUID, List<RecordError>> entry : byIntegration.entrySet()) {
            UUID runId = runs.enqueue(c, scope.tenant(), entry.getKey(), RunTrigger.RETRY);
            List<UUID> ids = entry.getValue().stream().map(RecordError::id).toList();
            RecordErrorRows.retried(c, runId, ids);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("runId", runId.toString());
            after.put("integrationId", entry.getKey().toString());
            after.put("errors", ids.size());
            if (category != null) {
                after.put("category", category.wire());
            }
            after.put("errorIds", ids.stream().limit(100).map(UUID::toString).toList());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("record-error.retried", "run", runId)
                    .after(after));
            queued.add(new RetryQueued.Queued(runId, entry.getKey(), ids.size()));
        }
        return new RetryQueued(queued);
    }

    private RecordError close(TenantScope scope, UUID id, ErrorStatus to, List<ErrorStatus> from) {
        scope.require(Permission.OPERATE);
        return tenants.write(scope.tenant(), c -> {
            RecordError before = find(c, id, true);
            if (before.status().equals(to.wire())) {
                return before;
            }
            if (from.stream().noneMatch(s -> s.wire().equals(before.status()))) {
                throw new ProblemException(ProblemType.CONFLICT, "The error is " + before.status() + ": it cannot be "
                        + to.wire() + ".");
            }
            RecordErrorRows.close(c, id, to.wire());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("record-error." + to.wire(),
                    "record-error", id).before(Map.of("status", before.status())).after(Map.of("status", to.wire())));
            return find(c, id, false);
        });
    }

    private static RecordError find(Connection c, UUID id, boolean lock) throws SQLException {
        return RecordErrorRows.find(c, id, lock)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such record error."));
    }
}
