package io.tillbridge.members.internal;

import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** What invitations need to know from the platform tables: the tenant's name and status, a user's address. */
@Singleton
public class TenantDirectory {

    /** The tenant's name and whether it is suspended. */
    public record TenantInfo(String name, boolean suspended) {
    }

    public Optional<TenantInfo> tenant(TenantId tenant, Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, status FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TenantInfo(rs.getString(1), "suspended".equals(rs.getString(2))))
                        : Optional.empty();
            }
        }
    }

    /** The user's e-mail address as stored. */
    public Optional<String> userEmail(Connection c, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT email FROM users WHERE id = ?")) {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
