package io.tillbridge.members.internal;

import io.tillbridge.access.TenantRole;
import io.tillbridge.members.Member;
import io.tillbridge.paging.Cursor;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code memberships} (a platform table, without row-level security: every statement
 * names the tenant) joined with the members' {@code users} rows.
 */
@Singleton
public class MembershipRepository {

    private static final String SELECT = "SELECT m.user_id, u.email, u.display_name, m.role, m.created_at, m.version"
            + " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ?";

    /** A membership row locked by {@link #lockOwnersAnd}. */
    public record Locked(UUID userId, TenantRole role) {
    }

    /** Up to {@code limit} members after {@code after}, in the order they joined. */
    public List<Member> list(TenantId tenant, Connection c, Optional<Cursor> after, int limit) throws SQLException {
        String sql = SELECT + (after.isPresent() ? " AND (m.created_at, m.user_id) > (?, ?)" : "")
                + " ORDER BY m.created_at, m.user_id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, tenant.value());
            if (after.isPresent()) {
                ps.setObject(i++, OffsetDateTime.ofInstant(Instant.parse(after.get().get(0)), ZoneOffset.UTC));
                ps.setObject(i++, UUID.fromString(after.get().get(1)));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Member> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    public Optional<Member> find(TenantId tenant, Connection c, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " AND m.user_id = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Locks the tenant's owner memberships and {@code userId}'s membership until the transaction
     * ends, always in user-id order so that concurrent callers cannot deadlock. Two changes that
     * could each remove the last owner therefore take turns, and the second sees the first's result.
     */
    public List<Locked> lockOwnersAnd(TenantId tenant, Connection c, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, role FROM memberships"
                + " WHERE tenant_id = ? AND (role = 'owner' OR user_id = ?) ORDER BY user_id FOR UPDATE")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Locked> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Locked(rs.getObject(1, UUID.class), TenantRole.fromWire(rs.getString(2))));
                }
                return out;
            }
        }
    }

    /** Whether a user with this e-mail address (any case) is a member. */
    public boolean hasMemberWithEmail(TenantId tenant, Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id"
                + " WHERE m.tenant_id = ? AND lower(u.email) = lower(?)")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, email);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Adds the user with {@code role}; false when the user is a member already. */
    public boolean insert(TenantId tenant, Connection c, UUID userId, TenantRole role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memberships (tenant_id, user_id, role)"
                + " VALUES (?, ?, ?) ON CONFLICT (tenant_id, user_id) DO NOTHING")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, userId);
            ps.setString(3, role.wire());
            return ps.executeUpdate() == 1;
        }
    }

    /** Changes the role if the membership is still at {@code version}. */
    public boolean updateRole(TenantId tenant, Connection c, UUID userId, int version, TenantRole role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE memberships SET role = ?, version = version + 1"
                + " WHERE tenant_id = ? AND user_id = ? AND version = ?")) {
            ps.setString(1, role.wire());
            ps.setObject(2, tenant.value());
            ps.setObject(3, userId);
            ps.setInt(4, version);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean delete(TenantId tenant, Connection c, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM memberships WHERE tenant_id = ? AND user_id = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, userId);
            return ps.executeUpdate() == 1;
        }
    }

    private static Member map(ResultSet rs) throws SQLException {
        return new Member(rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                rs.getString("role"), rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("version"));
    }
}
