package io.tillbridge.engine.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A run as the benchmarks read it from the {@code runs} table (as a role that sees every tenant's runs). */
record RunRow(UUID id, UUID tenant, String status, Instant queuedAt, Instant startedAt, Instant finishedAt,
        long read, long written, long unchanged, long failed, long cpuMillis, int attempt, String error) {

    boolean ended() {
        return finishedAt != null && !"queued".equals(status) && !"running".equals(status);
    }

    /** From its start to its end (or to {@code now} while it runs); zero before it started. */
    Duration busy(Instant now) {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
    }

    static List<RunRow> read(Connection c, Collection<UUID> ids) throws SQLException {
        List<RunRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, tenant_id, status, queued_at, started_at,"
                + " finished_at, records_read, records_written, records_unchanged, records_failed, cpu_millis,"
                + " attempt, error FROM runs WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getInt(12),
                            rs.getString(13)));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
