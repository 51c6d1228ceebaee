package io.tillbridge.kpis.internal;

import io.tillbridge.platform.internal.Sql;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The raw figures of the KPIs, read from runs, record errors and source activity in the tenant's
 * transaction, per bucket ({@code date_trunc} of the time in UTC) and in total (a null start).
 */
@Singleton
public class KpiRows {

    /** What the finished runs of one bucket did; shadow runs left out. */
    public record Runs(LocalDate start, long read, long written, long failed, long succeededRuns, long failedRuns,
            long cpuMillis, Double p50Seconds, Double p95Seconds) {
    }

    /** A count in one bucket; a null start is the total. */
    public record Count(LocalDate start, long count) {
    }

    /** An integration's enabled schedule, changed last at {@code since}. */
    public record Scheduled(UUID integration, String cron, String timeZone, Integer intervalSeconds, Instant since) {
    }

    /** The records created at one location in one bucket. */
    public record LocationCount(String location, LocalDate start, long records) {
    }

    private static final String RUNS = "SELECT start, coalesce(sum(records_read), 0) AS read,"
            + " coalesce(sum(records_written), 0) AS written, coalesce(sum(records_failed), 0) AS failed,"
            + " count(*) FILTER (WHERE status = 'succeeded') AS succeeded_runs,"
            + " count(*) FILTER (WHERE status = 'failed') AS failed_runs,"
            + " coalesce(sum(cpu_millis), 0) AS cpu_millis,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at))"
            + "   FILTER (WHERE status = 'succeeded' AND started_at IS NOT NULL) AS p50,"
            + " percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at))"
            + "   FILTER (WHERE status = 'succeeded' AND started_at IS NOT NULL) AS p95"
            + " FROM (SELECT date_trunc(?, finished_at AT TIME ZONE 'UTC')::date AS start, r.* FROM runs r"
            + "   WHERE r.finished_at >= ? AND r.finished_at < ? AND r.status IN ('succeeded', 'failed', 'cancelled')"
            + "   AND NOT r.shadow AND (?::uuid IS NULL OR r.integration_id = ?)) b"
            + " GROUP BY GROUPING SETS ((start), ()) ORDER BY start NULLS FIRST";

    // Resolved by a run: a member's "resolved" leaves an audit entry (record-error.resolved) and is not
    // an error the platform caught and fixed.
    private static final String CAUGHT = "SELECT start, count(*) FROM (SELECT"
            + " date_trunc(?, e.closed_at AT TIME ZONE 'UTC')::date AS start FROM record_errors e"
            + "   WHERE e.status = 'resolved' AND e.closed_at >= ? AND e.closed_at < ?"
            + "   AND (?::uuid IS NULL OR e.integration_id = ?)"
            + "   AND e.id::text NOT IN (SELECT a.target_id FROM audit_log a WHERE a.tenant_id = app_current_tenant()"
            + "     AND a.action = 'record-error.resolved' AND a.target_id IS NOT NULL"
            + "     AND a.occurred_at >= ?::timestamptz - interval '1 day')) b"
            + " GROUP BY GROUPING SETS ((start), ()) ORDER BY start NULLS FIRST";

    private static final String LOCATIONS = "WITH a AS (SELECT location, records,"
            + "   date_trunc(?, hour AT TIME ZONE 'UTC')::date AS start FROM source_activity"
            + "   WHERE hour >= ? AND hour < ? AND (?::uuid IS NULL OR integration_id = ?)),"
            + " top AS (SELECT location, sum(records) AS total FROM a GROUP BY location"
            + "   ORDER BY total DESC, location LIMIT ?)"
            + " SELECT a.location, a.start, sum(a.records) FROM a JOIN top USING (location)"
            + " GROUP BY a.location, a.start, top.total ORDER BY top.total DESC, a.location, a.start";

    /** The runs that finished in [{@code from}, {@code until}), per bucket of {@code unit} and in total. */
    public List<Runs> runs(Connection c, String unit, Instant from, Instant until, UUID integrationId)
            throws SQLException {
        return Sql.list(c, RUNS, KpiRows::runs, unit, Sql.timestamp(from), Sql.timestamp(until), integrationId,
                integrationId);
    }

    /** The record errors a run resolved in [{@code from}, {@code until}), per bucket and in total. */
    public List<Count> caught(Connection c, String unit, Instant from, Instant until, UUID integrationId)
            throws SQLException {
        return Sql.list(c, CAUGHT, rs -> new Count(date(rs, 1), rs.getLong(2)), unit, Sql.timestamp(from),
                Sql.timestamp(until), integrationId, integrationId, Sql.timestamp(from));
    }

    /**
     * The records created per location and bucket in [{@code from}, {@code until}), for the
     * {@code limit} locations with the most, busiest first.
     */
    public List<LocationCount> locations(Connection c, String unit, Instant from, Instant until, UUID integrationId,
            int limit) throws SQLException {
        return Sql.list(c, LOCATIONS, rs -> new LocationCount(rs.getString(1), date(rs, 2), rs.getLong(3)), unit,
                Sql.timestamp(from), Sql.timestamp(until), integrationId, integrationId, limit);
    }

    /** Whether the tenant has an integration of this id. */
    public boolean integrationExists(Connection c, UUID integrationId) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM integrations WHERE id = ?", rs -> true, integrationId).isPresent();
    }

    private static Runs runs(ResultSet rs) throws SQLException {
        return new Runs(date(rs, "start"), rs.getLong("read"), rs.getLong("written"), rs.getLong("failed"),
                rs.getLong("succeeded_runs"), rs.getLong("failed_runs"), rs.getLong("cpu_millis"),
                nullableDouble(rs, "p50"), nullableDouble(rs, "p95"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** The enabled schedules of the tenant's integrations, or of one. */
    public List<Scheduled> schedules(Connection c, UUID integrationId) throws SQLException {
        return Sql.list(c, "SELECT integration_id, cron, time_zone, interval_seconds, updated_at FROM integration_schedules"
                + " WHERE enabled AND (?::uuid IS NULL OR integration_id = ?) ORDER BY integration_id",
                rs -> new Scheduled(Sql.uuid(rs, 1), rs.getString(2), rs.getString(3), Sql.nullableInt(rs, "interval_seconds"),
                        Sql.instant(rs, 5)), integrationId, integrationId);
    }

    /** For each interval (parallel starts and exclusive ends), whether a run of the integration queued in it succeeded. */
    public List<Boolean> up(Connection c, UUID integrationId, List<Instant> starts, List<Instant> ends) throws SQLException {
        if (starts.isEmpty()) {
            return List.of();
        }
        return Sql.list(c, "SELECT EXISTS (SELECT 1 FROM runs r WHERE r.integration_id = ? AND r.status = 'succeeded'"
                + " AND r.queued_at >= b.s AND r.queued_at < b.e) FROM unnest(?::text[]::timestamptz[],"
                + " ?::text[]::timestamptz[]) WITH ORDINALITY AS b(s, e, i) ORDER BY b.i", rs -> rs.getBoolean(1),
                integrationId, c.createArrayOf("text", starts.stream().map(Instant::toString).toArray()),
                c.createArrayOf("text", ends.stream().map(Instant::toString).toArray()));
    }
}
