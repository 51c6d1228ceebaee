package io.tillbridge.metrics.internal;

import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The figures of the per-integration gauges, read in the tenant's transaction. */
public final class GaugeRows {

    /** One integration's gauges; {@code freshnessSeconds} null when no source record was counted. */
    public record Row(UUID integration, long openErrors, long queuedRuns, long consecutiveFailures, Long freshnessSeconds) {
    }

    private GaugeRows() {
    }

    public static List<Row> rows(Connection c, Instant now) throws SQLException {
        return Sql.list(c, "SELECT i.id,"
                + " (SELECT count(*) FROM record_errors e WHERE e.integration_id = i.id AND e.status = 'open') AS open_errors,"
                + " (SELECT count(*) FROM runs r WHERE r.integration_id = i.id AND r.status IN ('queued', 'running')) AS queued,"
                + " (SELECT count(*) FROM runs r WHERE r.integration_id = i.id AND r.status = 'failed' AND r.finished_at >"
                + "   coalesce((SELECT max(s.finished_at) FROM runs s WHERE s.integration_id = i.id AND s.status = 'succeeded'),"
                + "   '-infinity')) AS failures,"
                + " (SELECT floor(extract(epoch FROM ?::timestamptz - max(f.newest_record_at)))::bigint FROM source_freshness f"
                + "   WHERE f.integration_id = i.id) AS freshness"
                + " FROM integrations i ORDER BY i.id",
                rs -> new Row(Sql.uuid(rs, 1), rs.getLong(2), rs.getLong(3), rs.getLong(4), Sql.nullableLong(rs, "freshness")),
                Sql.timestamp(now));
    }
}
