package io.tillbridge.users.internal;

import io.tillbridge.access.Caller;
import io.tillbridge.access.TenantRole;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.users.Account;
import io.tillbridge.users.Membership;
import io.tillbridge.users.SessionStanding;
import io.tillbridge.users.UserAccount;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/** SQL for users and their memberships (platform tables, no tenant scope). */
@Singleton
public class UserRepository {

    private static final String COLUMNS = "id, email, display_name, password_hash, platform_role, email_verified_at, version,"
            + " sessions_revoked_at";

    /** A user row, with the password hash that never leaves this feature. */
    public record UserRow(UUID id, String email, String displayName, String passwordHash, String platformRole,
            Instant emailVerifiedAt, int version, Instant sessionsRevokedAt) {

        public UserAccount account() {
            return new UserAccount(id, email, displayName == null ? "" : displayName, emailVerifiedAt != null,
                    Caller.PlatformRole.fromWire(platformRole), version);
        }

        public Optional<String> password() {
            return Optional.ofNullable(passwordHash);
        }

        @Override
        public String toString() {
            return "UserRow[id=" + id + ", email=" + email + "]";
        }
    }

    /** The user with this email address, compared without regard to case. */
    public Optional<UserRow> findByEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)")) {
            ps.setString(1, email.trim());
            return one(ps);
        }
    }

    public Optional<UserRow> findById(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
            ps.setObject(1, id);
            return one(ps);
        }
    }

    public boolean emailTaken(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE lower(email) = lower(?)")) {
            ps.setString(1, email.trim());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void insert(Connection c, UUID id, String email, String displayName, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (id, email, display_name, password_hash) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, email);
            ps.setString(3, displayName);
            ps.setString(4, passwordHash);
            ps.executeUpdate();
        }
    }

    public void addMembership(Connection c, TenantId tenant, UUID user, TenantRole role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, ?)")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, user);
            ps.setString(3, role.wire());
            ps.executeUpdate();
        }
    }

    /** The tenants the user belongs to, by tenant name. */
    public List<Membership> memberships(Connection c, UUID user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT m.tenant_id, t.slug, t.name, m.role, t.status"
                + " FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = ? ORDER BY t.name, t.id")) {
            ps.setObject(1, user);
            List<Membership> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Membership(new TenantId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
                            TenantRole.fromWire(rs.getString(4)), "suspended".equals(rs.getString(5))));
                }
            }
            return out;
        }
    }

    /** The user's account: the user and their tenants. */
    public Account account(Connection c, UserRow row) throws SQLException {
        return new Account(row.account(), memberships(c, row.id()));
    }

    /** Records the email as verified; false when it was verified already. */
    public boolean markEmailVerified(Connection c, UUID user, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET email_verified_at = ?, version = version + 1"
                + " WHERE id = ? AND email_verified_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, user);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Ends every portal session of the user at its next request: they compare this time with the
     * one they saw at sign-in.
     */
    public void revokeSessions(Connection c, UUID user, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET sessions_revoked_at = ? WHERE id = ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setObject(2, user);
            ps.executeUpdate();
        }
    }

    /** When the user's sessions were last revoked (null: never), and the tenants they belong to; empty when gone. */
    public Optional<SessionStanding> standing(Connection c, UUID user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.sessions_revoked_at,"
                + " ARRAY(SELECT m.tenant_id FROM memberships m WHERE m.user_id = u.id) FROM users u WHERE u.id = ?")) {
            ps.setObject(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime revoked = rs.getObject(1, OffsetDateTime.class);
                Set<TenantId> tenants = new HashSet<>();
                for (Object id : (Object[]) rs.getArray(2).getArray()) {
                    tenants.add(new TenantId((UUID) id));
                }
                return Optional.of(new SessionStanding(Optional.ofNullable(revoked).map(OffsetDateTime::toInstant),
                        tenants));
            }
        }
    }

    public void setPasswordHash(Connection c, UUID user, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setObject(2, user);
            ps.executeUpdate();
        }
    }

    /** Renames the user if the row is still at {@code expectedVersion}; the new version, else empty. */
    public OptionalInt rename(Connection c, UUID user, String displayName, int expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET display_name = ?, version = version + 1"
                + " WHERE id = ? AND version = ? RETURNING version")) {
            ps.setString(1, displayName);
            ps.setObject(2, user);
            ps.setInt(3, expectedVersion);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    private static Optional<UserRow> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Timestamp verified = rs.getTimestamp(6);
            return Optional.of(new UserRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), verified == null ? null : verified.toInstant(), rs.getInt(7),
                    rs.getObject(8, OffsetDateTime.class) == null ? null
                            : rs.getObject(8, OffsetDateTime.class).toInstant()));
        }
    }
}
