package io.tillbridge.errors;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.internal.RecordErrorRows;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.runs.RunQueue;
import io.tillbridge.runs.RunTransaction;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    private final TenantTransactions tenants;
    private final RunQueue runs;
    private final AuditLog audit;

    public ErrorInbox(TenantTransactions tenants, RunQueue runs, AuditLog audit) {
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
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO record_errors (tenant_id, id,"
                + " integration_id, run_id, source_key, category, message, field_path, hint, source_record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (tenant_id, integration_id, source_key, category) WHERE status IN ('open', 'retried')"
                + " DO UPDATE SET status = 'open', occurrences = record_errors.occurrences + 1,"
                + " last_seen_at = clock_timestamp(), run_id = EXCLUDED.run_id, message = EXCLUDED.message,"
                + " field_path = EXCLUDED.field_path, hint = EXCLUDED.hint, source_record = EXCLUDED.source_record")) {
            for (RecordFailure failure : failures) {
                ps.setObject(1, tx.tenant().value());
                ps.setObject(2, UUID.randomUUID());
                ps.setObject(3, integrationId);
                ps.setObject(4, tx.runId());
                ps.setString(5, failure.record().key());
                ps.setString(6, failure.category().wire());
                ps.setString(7, failure.message());
                ps.setString(8, failure.fieldPath());
                ps.setString(9, failure.hint());
                ps.setString(10, RecordJson.writeRecord(failure.record()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Resolves the open errors of records a run has now written (or found already written). */
    public void resolveWritten(RunTransaction tx, UUID integrationId, Collection<String> sourceKeys)
            throws SQLException {
        if (sourceKeys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE record_errors SET status = 'resolved',"
                + " closed_at = clock_timestamp() WHERE integration_id = ? AND source_key = ANY(?)"
                + " AND status IN ('open', 'retried')")) {
            ps.setObject(1, integrationId);
            ps.setArray(2, tx.connection().createArrayOf("text", sourceKeys.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The stored source records a retry run is to re-process (one per source key), by key, after
     * {@code afterKey}.
     */
    public List<SourceRecord> recordsToRetry(TenantId tenant, UUID retryRunId, String afterKey, int limit) {
        return tenants.read(tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (source_key) source_record::text"
                    + " FROM record_errors WHERE retry_run_id = ?" + (afterKey != null ? " AND source_key > ?" : "")
                    + " ORDER BY source_key, last_seen_at DESC LIMIT ?")) {
                int i = 1;
                ps.setObject(i++, retryRunId);
                if (afterKey != null) {
                    ps.setString(i++, afterKey);
                }
                ps.setInt(i, limit);
                List<SourceRecord> records = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        records.add(RecordJson.readRecord(rs.getString(1)));
                    }
                }
                return records;
            }
        });
    }

    /**
     * Reopens the errors a retry run was queued for but did not get to (it was cancelled or
     * failed): they are open again, to be retried anew.
     */
    public void reopenUnprocessed(TenantId tenant, UUID retryRunId) {
        tenants.write(tenant, c -> RecordErrorRows.update(c, "UPDATE record_errors SET status = 'open'"
                + " WHERE retry_run_id = ? AND status = 'retried'", retryRunId));
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
            try (PreparedStatement ps = c.prepareStatement("UPDATE record_errors SET status = 'retried',"
                    + " retry_run_id = ? WHERE id = ANY(?)")) {
                ps.setObject(1, runId);
                ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
                ps.executeUpdate();
            }
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
            RecordErrorRows.update(c, "UPDATE record_errors SET status = ?, closed_at = clock_timestamp()"
                    + " WHERE id = ?", to.wire(), id);
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
