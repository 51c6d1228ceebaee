package io.tillbridge.runs.internal;

import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunEvent;
import io.tillbridge.runs.RunFilter;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the runs, run_events and run_queue tables. Callers own the transaction and its scope. */
public final class RunRows {

    public static final String RUN_COLUMNS = "id, integration_id, trigger, status, attempt, lease_owner, queued_at,"
            + " started_at, finished_at, checkpoint_before, checkpoint_after, records_read, records_written,"
            + " records_unchanged, records_failed, error, cancel_requested, replay_of, shadow, retries";

    private RunRows() {
    }

    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
    }

    public static void event(Connection c, UUID tenant, UUID runId, String kind, Integer attempt, String detail)
            throws SQLException {
        update(c, "INSERT INTO run_events (tenant_id, run_id, kind, attempt, detail) VALUES (?, ?, ?, ?, ?)",
                tenant, runId, kind, attempt, detail);
    }

    public static void saveCounts(Connection c, UUID runId, RunCounts counts) throws SQLException {
        update(c, "UPDATE runs SET records_read = ?, records_written = ?, records_unchanged = ?, records_failed = ?"
                + " WHERE id = ?", counts.read(), counts.written(), counts.unchanged(), counts.failed(), runId);
    }

    public static Optional<Run> find(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
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
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND queued_at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        if (afterId != null) {
            sql.append(" AND (queued_at, id) < (?, ?)");
            parameters.add(Timestamp.from(afterQueuedAt));
            parameters.add(afterId);
        }
        sql.append(" ORDER BY queued_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, parameters.toArray());
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
            return runs;
        }
    }

    /** Whether the run has stored source records (retention purges them some time after it ended). */
    public static boolean hasStoredRecords(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM run_records WHERE run_id = ?)")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public static List<RunEvent> events(Connection c, UUID runId) throws SQLException {
        List<RunEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, at, kind, attempt, detail FROM run_events WHERE run_id = ? ORDER BY seq")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new RunEvent(rs.getLong(1), instant(rs, 2), rs.getString(3),
                            (Integer) rs.getObject(4), rs.getString(5)));
                }
            }
        }
        return events;
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(rs.getObject("id", UUID.class), rs.getObject("integration_id", UUID.class),
                RunTrigger.fromWire(rs.getString("trigger")), RunStatus.fromWire(rs.getString("status")),
                rs.getInt("attempt"), rs.getString("lease_owner"), instant(rs, "queued_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("checkpoint_before"),
                rs.getString("checkpoint_after"),
                new RunCounts(rs.getLong("records_read"), rs.getLong("records_written"),
                        rs.getLong("records_unchanged"), rs.getLong("records_failed")),
                rs.getString("error"), rs.getBoolean("cancel_requested"), rs.getObject("replay_of", UUID.class),
                rs.getBoolean("shadow"), rs.getInt("retries"));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
