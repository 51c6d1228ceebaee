package io.tillbridge.support.internal;

import io.tillbridge.access.Caller;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The platform roles of users, as the database holds them now. */
@Singleton
public class StaffRecords {

    public Optional<Caller.PlatformRole> platformRole(Connection c, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT platform_role FROM users WHERE id = ?")) {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Caller.PlatformRole.fromWire(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
