package io.tillbridge.outbound.internal;

import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** SQL of the business days told of ({@code closed_business_days}) and the locations they belong to. */
public final class BusinessDayRows {

    private BusinessDayRows() {
    }

    /** A location's business-day settings. */
    public record LocationDay(UUID id, String name, String timeZone, int closeOutHour, Instant createdAt) {
    }

    public static List<LocationDay> locations(Connection c) throws SQLException {
        return Sql.list(c, "SELECT id, name, time_zone, close_out_hour, created_at FROM locations ORDER BY id LIMIT 10000",
                rs -> new LocationDay(Sql.uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        Sql.instant(rs, 5)));
    }

    /** Records that {@code day} of the location closed; false when it was recorded before. */
    public static boolean close(Connection c, UUID tenant, UUID location, LocalDate day, Instant closedAt)
            throws SQLException {
        return Sql.update(c, "INSERT INTO closed_business_days (tenant_id, location_id, business_day, closed_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", tenant, location, day, closedAt) == 1;
    }
}
