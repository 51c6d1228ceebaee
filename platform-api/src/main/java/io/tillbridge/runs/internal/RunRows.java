package io.tillbridge.runs.internal;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunEvent;
import io.tillbridge.runs.RunFilter;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import java.sql.Connection;
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
 * SQL of the tenant's run tables: runs, run_events and run_records. The dispatch table run_queue is
 * {@link QueueRows}. Callers own the transaction and its tenant scope.
 */
public final class RunRows {

    private static final String RUN_COLUMNS = "id, integration_id, trigger, status, attempt, lease_owner, queued_at,"
            + " started_at, finished_at, checkpoint_before, checkpoint_after, records_read, records_written,"
            + " records_unchanged, records_failed, error, cancel_requested, replay_of, shadow, retries";

    private RunRows() {
    }

    /** Adds a queued run and its queue row; answers the run's id. */
    public static UUID insert(Connection c, UUID tenant, UUID integrationId, RunTrigger trigger, UUID replayOf)
            throws SQLException {
        UUID runId = UUID.randomUUID();
        Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, queued_at, replay_of)"
                + " VALUES (?, ?, ?, ?, clock_timestamp(), ?)", tenant, runId, integrationId, trigger.wire(), replayOf);
        Sql.update(c, "INSERT INTO run_queue (run_id, tenant_id, queued_at)"
                + " SELECT id, tenant_id, queued_at FROM runs WHERE id = ?", runId);
        return runId;
    }

    public static void event(Connection c, UUID tenant, UUID runId, String kind, Integer attempt, String detail)
            throws SQLException {
        Sql.update(c, "INSERT INTO run_events (tenant_id, run_id, kind, attempt, detail) VALUES (?, ?, ?, ?, ?)",
                tenant, runId, kind, attempt, detail);
    }

    /**
     * Mirrors a claim into the run's record: running, at {@code attempt}, leased to {@code workerId},
     * resuming from the integration's last committed checkpoint when the run has none of its own.
     */
    public static void started(Connection c, UUID runId, int attempt, String workerId) throws SQLException {
        Sql.update(c, "UPDATE runs SET status = 'running', attempt = ?, lease_owner = ?,"
                + " started_at = coalesce(started_at, now()),"
                + " checkpoint_before = coalesce(checkpoint_before, (SELECT p.checkpoint_after FROM runs p"
                + "   WHERE p.integration_id = runs.integration_id AND p.id <> runs.id AND NOT p.shadow"
                + "   AND p.checkpoint_after IS NOT NULL ORDER BY p.queued_at DESC LIMIT 1))"
                + " WHERE id = ? AND attempt < ?", attempt, workerId, runId, attempt);
    }

    /** Adds {@code millis} of CPU time to the run's record (each attempt adds its own). */
    public static void addCpuMillis(Connection c, UUID runId, long millis) throws SQLException {
        Sql.update(c, "UPDATE runs SET cpu_millis = cpu_millis + ? WHERE id = ?", millis, runId);
    }

    /** Ends a run's record with a final {@code status} and its error (null on success). */
    public static void finished(Connection c, UUID runId, RunStatus status, String error) throws SQLException {
        Sql.update(c, "UPDATE runs SET status = ?, finished_at = now(), error = ?, lease_owner = NULL WHERE id = ?",
                status.wire(), error, runId);
    }

    /** Marks a run's record queued again for a retry. */
    public static void requeued(Connection c, UUID runId) throws SQLException {
        Sql.update(c, "UPDATE runs SET status = 'queued', lease_owner = NULL, retries = retries + 1 WHERE id = ?",
                runId);
    }

    /** Records a cancel request; a run that is {@code after} final now finishes at once. */
    public static void cancelRequested(Connection c, UUID runId, RunStatus after) throws SQLException {
        Sql.update(c, "UPDATE runs SET cancel_requested = true, status = ?,"
                + " finished_at = CASE WHEN ? THEN now() ELSE finished_at END WHERE id = ?",
                after.wire(), after.isFinal(), runId);
    }

    public static void saveCounts(Connection c, UUID runId, RunCounts counts) throws SQLException {
        Sql.update(c, "UPDATE runs SET records_read = ?, records_written = ?, records_unchanged = ?, records_failed = ?"
                + " WHERE id = ?", counts.read(), counts.written(), counts.unchanged(), counts.failed(), runId);
    }

    public static void saveCheckpoint(Connection c, UUID runId, String checkpoint) throws SQLException {
        Sql.update(c, "UPDATE runs SET checkpoint_after = ? WHERE id = ?", checkpoint, runId);
    }

    public static void markShadow(Connection c, UUID runId) throws SQLException {
        Sql.update(c, "UPDATE runs SET shadow = true WHERE id = ? AND NOT shadow", runId);
    }

    /**
     * Stores source records of a run (the last one per key wins) in one statement: the storage
     * count's trigger fires per statement.
     */
    public static void saveRecords(Connection c, UUID tenant, UUID runId, Collection<SourceRecord> records,
            Map<String, String> canonicalData) throws SQLException {
        Map<String, String> last = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            String data = canonicalData.get(record.key());
            last.put(record.key(), data != null ? RecordJson.writeRecord(record, data) : RecordJson.writeRecord(record));
        }
        Sql.update(c, "INSERT INTO run_records (tenant_id, run_id, source_key, record)"
                + " SELECT ?, ?, k, r::jsonb FROM unnest(?::text[], ?::text[]) AS x(k, r)"
                + " ON CONFLICT (tenant_id, run_id, source_key) DO UPDATE SET record = EXCLUDED.record",
                tenant, runId, c.createArrayOf("text", last.keySet().toArray()),
                c.createArrayOf("text", last.values().toArray()));
    }

    /** Up to {@code limit} source records that {@code runId} stored, by key, after {@code afterKey} when given. */
    public static List<SourceRecord> storedRecords(Connection c, UUID runId, String afterKey, int limit)
            throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(runId));
        if (afterKey != null) {
            parameters.add(afterKey);
        }
        parameters.add(limit);
        return Sql.list(c, "SELECT record::text FROM run_records WHERE run_id = ?"
                + (afterKey != null ? " AND source_key > ?" : "") + " ORDER BY source_key LIMIT ?",
                rs -> RecordJson.readRecord(rs.getString(1)), parameters.toArray());
    }

    public static Optional<Run> find(Connection c, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?", RunRows::run, runId);
    }

    /** Runs matching {@code filter}, newest first, after {@code (queuedAt, id)} when given. */
    public static List<Run> list(Connection c, RunFilter filter, Instant afterQueuedAt, UUID afterId, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(filter.status().wire());
        }
        if (filter.trigger() != null) {
            sql.append(" AND trigger = ?");
            parameters.add(filter.trigger().wire());
        }
        if (filter.integrationId() != null) {
            sql.append(" AND integration_id = ?");
            parameters.add(filter.integrationId());
        }
        if (filter.from() != null) {
            sql.append(" AND queued_at >= ?");
            parameters.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND queued_at < ?");
            parameters.add(filter.to());
        }
        if (afterId != null) {
            sql.append(" AND (queued_at, id) < (?, ?)");
            parameters.add(afterQueuedAt);
            parameters.add(afterId);
        }
        sql.append(" ORDER BY queued_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return Sql.list(c, sql.toString(), RunRows::run, parameters.toArray());
    }

    /** Whether the run has stored source records (retention purges them some time after it ended). */
    public static boolean hasStoredRecords(Connection c, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT EXISTS (SELECT 1 FROM run_records WHERE run_id = ?)", rs -> rs.getBoolean(1),
                runId).orElse(false);
    }

    public static List<RunEvent> events(Connection c, UUID runId) throws SQLException {
        return Sql.list(c, "SELECT seq, at, kind, attempt, detail FROM run_events WHERE run_id = ? ORDER BY seq",
                rs -> new RunEvent(rs.getLong(1), Sql.instant(rs, 2), rs.getString(3), (Integer) rs.getObject(4),
                        rs.getString(5)), runId);
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(Sql.uuid(rs, "id"), Sql.uuid(rs, "integration_id"),
                RunTrigger.fromWire(rs.getString("trigger")), RunStatus.fromWire(rs.getString("status")),
                rs.getInt("attempt"), rs.getString("lease_owner"), Sql.instant(rs, "queued_at"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"), rs.getString("checkpoint_before"),
                rs.getString("checkpoint_after"),
                new RunCounts(rs.getLong("records_read"), rs.getLong("records_written"),
                        rs.getLong("records_unchanged"), rs.getLong("records_failed")),
                rs.getString("error"), rs.getBoolean("cancel_requested"), Sql.uuid(rs, "replay_of"),
                rs.getBoolean("shadow"), rs.getInt("retries"));
    }
}
