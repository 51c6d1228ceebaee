package io.tillbridge.activity.internal;

import io.tillbridge.activity.SourceActivity.Freshness;
import io.tillbridge.activity.SourceActivity.Hour;
import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of {@code source_freshness} and {@code source_activity}. Callers own the transaction and its tenant scope. */
public final class ActivityRows {

    private ActivityRows() {
    }

    public static Map<String, Instant> newest(Connection c, UUID integrationId, Collection<String> locations)
            throws SQLException {
        Map<String, Instant> found = new HashMap<>();
        for (Freshness f : Sql.list(c, "SELECT location, newest_record_at, arrived_at FROM source_freshness"
                + " WHERE integration_id = ? AND location = ANY(?)", ActivityRows::freshness, integrationId,
                c.createArrayOf("text", locations.toArray()))) {
            found.put(f.location(), f.newestRecordAt());
        }
        return found;
    }

    public static void save(Connection c, UUID tenant, UUID integrationId, List<Freshness> fresh, List<Hour> hours)
            throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_freshness (tenant_id, integration_id,"
                + " location, newest_record_at, arrived_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, integration_id, location) DO UPDATE"
                + " SET newest_record_at = greatest(source_freshness.newest_record_at, EXCLUDED.newest_record_at),"
                + " arrived_at = EXCLUDED.arrived_at")) {
            for (Freshness f : fresh) {
                Sql.bind(ps, tenant, integrationId, f.location(), Sql.timestamp(f.newestRecordAt()),
                        Sql.timestamp(f.arrivedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_activity (tenant_id, integration_id,"
                + " location, hour, records) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, integration_id, location, hour) DO UPDATE"
                + " SET records = source_activity.records + EXCLUDED.records")) {
            for (Hour h : hours) {
                Sql.bind(ps, tenant, integrationId, h.location(), Sql.timestamp(h.hour()), h.records());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static List<Freshness> freshness(Connection c, UUID integrationId) throws SQLException {
        return Sql.list(c, "SELECT location, newest_record_at, arrived_at FROM source_freshness"
                + " WHERE integration_id = ? ORDER BY newest_record_at, location", ActivityRows::freshness, integrationId);
    }

    public static Map<UUID, List<Freshness>> freshnessByIntegration(Connection c) throws SQLException {
        Map<UUID, List<Freshness>> found = new HashMap<>();
        Sql.list(c, "SELECT integration_id, location, newest_record_at, arrived_at FROM source_freshness"
                + " ORDER BY newest_record_at, location", rs -> found.computeIfAbsent(Sql.uuid(rs, 1), k -> new java.util.ArrayList<>())
                .add(new Freshness(rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4))));
        return found;
    }

    public static List<Hour> hours(Connection c, UUID integrationId, Instant from, Instant to) throws SQLException {
        return Sql.list(c, "SELECT location, hour, records FROM source_activity WHERE integration_id = ?"
                + " AND hour >= ? AND hour < ? ORDER BY hour, location",
                rs -> new Hour(rs.getString(1), Sql.instant(rs, 2), rs.getLong(3)), integrationId,
                Sql.timestamp(from), Sql.timestamp(to));
    }

    private static Freshness freshness(java.sql.ResultSet rs) throws SQLException {
        return new Freshness(rs.getString(1), Sql.instant(rs, 2), Sql.instant(rs, 3));
    }
}
