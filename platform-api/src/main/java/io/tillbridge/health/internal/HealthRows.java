package io.tillbridge.health.internal;

import io.tillbridge.platform.internal.Sql;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The figures of integration health, read from runs and record errors in the tenant's transaction. */
@Singleton
public class HealthRows {

    /**
     * One integration's figures as of {@code now}.
     *
     * @param read24h records read by the runs that ended in the 24 hours before now; failed24h those that failed
     */
    public record Figures(UUID id, String name, String mode, boolean paused, Instant lastRunAt, Instant lastSuccessAt,
            Instant lastFailureAt, Instant lastWrittenAt, int consecutiveFailures, long read24h, long failed24h,
            long read7d, long failed7d, Double p50Seconds, Double p95Seconds, long queuedRuns, long openErrors,
            UUID sourceConnectionId, UUID targetConnectionId, Schedule schedule) {
    }

    /** The integration's enabled schedule: a cron in a zone or an interval, changed last at {@code since}. */
    public record Schedule(String cron, String timeZone, Integer intervalSeconds, Instant since) {
    }

    private static final String SELECT = "SELECT i.id, i.name, i.mode, i.status = 'paused' AS paused,"
            + " i.source_connection_id, i.target_connection_id, s.cron, s.time_zone, s.interval_seconds, s.updated_at AS schedule_since,"
            + " f.last_run_at, f.last_success_at, f.last_failure_at, f.last_written_at,"
            + " (SELECT count(*) FROM runs r WHERE r.integration_id = i.id AND r.status = 'failed'"
            + "   AND r.finished_at <= ? AND r.finished_at > coalesce(f.last_success_at, '-infinity')) AS consecutive_failures,"
            + " f.read_24h, f.failed_24h, f.read_7d, f.failed_7d, f.p50, f.p95,"
            + " (SELECT count(*) FROM runs r WHERE r.integration_id = i.id AND r.status IN ('queued', 'running')) AS queued,"
            + " (SELECT count(*) FROM record_errors e WHERE e.integration_id = i.id AND e.status = 'open') AS open_errors"
            + " FROM integrations i CROSS JOIN LATERAL (SELECT"
            + "   max(r.finished_at) AS last_run_at,"
            + "   max(r.finished_at) FILTER (WHERE r.status = 'succeeded') AS last_success_at,"
            + "   max(r.finished_at) FILTER (WHERE r.status = 'failed') AS last_failure_at,"
            + "   max(r.finished_at) FILTER (WHERE r.status = 'succeeded' AND r.records_written > 0) AS last_written_at,"
            + "   coalesce(sum(r.records_read) FILTER (WHERE r.finished_at > ?::timestamptz - interval '24 hours'), 0) AS read_24h,"
            + "   coalesce(sum(r.records_failed) FILTER (WHERE r.finished_at > ?::timestamptz - interval '24 hours'), 0) AS failed_24h,"
            + "   coalesce(sum(r.records_read) FILTER (WHERE r.finished_at > ?::timestamptz - interval '7 days'), 0) AS read_7d,"
            + "   coalesce(sum(r.records_failed) FILTER (WHERE r.finished_at > ?::timestamptz - interval '7 days'), 0) AS failed_7d,"
            + "   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - r.started_at))"
            + "     FILTER (WHERE r.status = 'succeeded' AND r.started_at IS NOT NULL"
            + "     AND r.finished_at > ?::timestamptz - interval '7 days') AS p50,"
            + "   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - r.started_at))"
            + "     FILTER (WHERE r.status = 'succeeded' AND r.started_at IS NOT NULL"
            + "     AND r.finished_at > ?::timestamptz - interval '7 days') AS p95"
            + "   FROM runs r WHERE r.integration_id = i.id AND r.status IN ('succeeded', 'failed')"
            + "   AND r.finished_at <= ?) f"
            + " LEFT JOIN integration_schedules s ON s.integration_id = i.id AND s.enabled";

    /** Every integration of the tenant, oldest first. */
    public List<Figures> all(Connection c, Instant now) throws SQLException {
        Object at = Sql.timestamp(now);
        return Sql.list(c, SELECT + " ORDER BY i.created_at, i.id", HealthRows::figures, at, at, at, at, at, at, at, at);
    }

    /** One integration of the tenant; empty when it has none of that id. */
    public java.util.Optional<Figures> one(Connection c, UUID integrationId, Instant now) throws SQLException {
        Object at = Sql.timestamp(now);
        return Sql.first(c, SELECT + " WHERE i.id = ?", HealthRows::figures, at, at, at, at, at, at, at, at, integrationId);
    }

    private static Figures figures(ResultSet rs) throws SQLException {
        return new Figures(Sql.uuid(rs, "id"), rs.getString("name"), rs.getString("mode"), rs.getBoolean("paused"),
                Sql.instant(rs, "last_run_at"), Sql.instant(rs, "last_success_at"), Sql.instant(rs, "last_failure_at"),
                Sql.instant(rs, "last_written_at"), rs.getInt("consecutive_failures"), rs.getLong("read_24h"),
                rs.getLong("failed_24h"), rs.getLong("read_7d"), rs.getLong("failed_7d"), nullableDouble(rs, "p50"),
                nullableDouble(rs, "p95"), rs.getLong("queued"), rs.getLong("open_errors"),
                Sql.uuid(rs, "source_connection_id"), Sql.uuid(rs, "target_connection_id"),
                rs.getString("time_zone") == null ? null : new Schedule(rs.getString("cron"), rs.getString("time_zone"),
                        Sql.nullableInt(rs, "interval_seconds"), Sql.instant(rs, "schedule_since")));
    }

    /**
     * How many of the intervals (parallel arrays of starts and exclusive ends) hold a successful run
     * of the integration queued in them.
     */
    public long upIntervals(Connection c, UUID integrationId, List<Instant> starts, List<Instant> ends)
            throws SQLException {
        if (starts.isEmpty()) {
            return 0;
        }
        return Sql.first(c, "SELECT count(*) FROM unnest(?::text[]::timestamptz[], ?::text[]::timestamptz[]) AS b(s, e)"
                + " WHERE EXISTS (SELECT 1 FROM runs r WHERE r.integration_id = ? AND r.status = 'succeeded'"
                + " AND r.queued_at >= b.s AND r.queued_at < b.e)", rs -> rs.getLong(1),
                c.createArrayOf("text", starts.stream().map(Instant::toString).toArray()),
                c.createArrayOf("text", ends.stream().map(Instant::toString).toArray()), integrationId).orElse(0L);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
