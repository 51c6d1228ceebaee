package io.tillbridge.scheduling.internal;

import io.tillbridge.scheduling.Schedule;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code integration_schedules}; every call runs in a transaction of the schedule's tenant. */
@Singleton
public class ScheduleRepository {

    private static final String COLUMNS = "integration_id, cron, time_zone, interval_seconds, enabled, version,"
            + " created_at, updated_at";

    public Optional<Schedule> find(TenantId tenant, Connection c, UUID integrationId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM integration_schedules"
                + " WHERE tenant_id = ? AND integration_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, integrationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Integer interval = rs.getObject(4, Integer.class);
                return Optional.of(new Schedule(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        interval, rs.getBoolean(5), rs.getInt(6), List.of(),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
            }
        }
    }

    /** Inserts the schedule at version 1, or replaces it and increments its version. */
    public void save(TenantId tenant, Connection c, UUID integrationId, String cron, String timeZone,
            Integer intervalSeconds, boolean enabled) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO integration_schedules (tenant_id, integration_id,"
                + " cron, time_zone, interval_seconds, enabled) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, integration_id) DO UPDATE SET cron = excluded.cron,"
                + " time_zone = excluded.time_zone, interval_seconds = excluded.interval_seconds,"
                + " enabled = excluded.enabled, version = integration_schedules.version + 1,"
                + " updated_at = clock_timestamp()")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, integrationId);
            ps.setString(3, cron);
            ps.setString(4, timeZone);
            if (intervalSeconds == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, intervalSeconds);
            }
            ps.setBoolean(6, enabled);
            ps.executeUpdate();
        }
    }

    public boolean delete(TenantId tenant, Connection c, UUID integrationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM integration_schedules WHERE tenant_id = ? AND integration_id = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, integrationId);
            return ps.executeUpdate() == 1;
        }
    }
}
