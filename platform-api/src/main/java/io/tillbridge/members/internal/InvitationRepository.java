package io.tillbridge.members.internal;

import io.tillbridge.access.TenantRole;
import io.tillbridge.members.Invitation;
import io.tillbridge.paging.Cursor;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code invitations}, a tenant-owned table under row-level security: every statement runs
 * in the tenant's transaction. The status of an invitation is derived at read time from its
 * accepted, revoked and expiry times and the time {@code now} given by the caller's clock.
 */
@Singleton
public class InvitationRepository {

    private static final String COLUMNS = "id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at";
    private static final String PENDING = "accepted_at IS NULL AND revoked_at IS NULL";

    public Invitation insert(TenantId tenant, Connection c, UUID id, String email, TenantRole role, byte[] tokenHash,
            UUID invitedBy, Instant expiresAt, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO invitations (tenant_id, id, email, role, token_hash,"
                + " invited_by, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            ps.setString(3, email);
            ps.setString(4, role.wire());
            ps.setBytes(5, tokenHash);
            if (invitedBy == null) {
                ps.setNull(6, Types.OTHER);
            } else {
                ps.setObject(6, invitedBy);
            }
            ps.setObject(7, Sql.timestamp(expiresAt));
            ps.setObject(8, Sql.timestamp(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs, now);
            }
        }
    }

    /** Up to {@code limit} pending invitations after {@code after}, oldest first. */
    public List<Invitation> listPending(TenantId tenant, Connection c, Instant now, Optional<Cursor> after, int limit)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM invitations WHERE tenant_id = ? AND " + PENDING + " AND expires_at > ?"
                + (after.isPresent() ? " AND (created_at, id) > (?, ?)" : "") + " ORDER BY created_at, id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, tenant.value());
            ps.setObject(i++, Sql.timestamp(now));
            if (after.isPresent()) {
                ps.setObject(i++, Sql.timestamp(Instant.parse(after.get().get(0))));
                ps.setObject(i++, UUID.fromString(after.get().get(1)));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Invitation> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs, now));
                }
                return out;
            }
        }
    }

    /** The invitation, locked for update when {@code lock} is set. */
    public Optional<Invitation> find(TenantId tenant, Connection c, UUID id, Instant now, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invitations WHERE tenant_id = ? AND id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs, now)) : Optional.empty();
            }
        }
    }

    /** The invitation whose token secret hashes to {@code tokenHash}, locked until the transaction ends. */
    public Optional<Invitation> lockByTokenHash(TenantId tenant, Connection c, byte[] tokenHash, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invitations"
                + " WHERE tenant_id = ? AND token_hash = ? FOR UPDATE")) {
            ps.setObject(1, tenant.value());
            ps.setBytes(2, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs, now)) : Optional.empty();
            }
        }
    }

    /** Revokes the pending invitations of {@code email} (any case); returns them as they were. */
    public List<Invitation> revokePendingFor(TenantId tenant, Connection c, String email, Instant now) throws SQLException {
        List<Invitation> pending = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invitations"
                + " WHERE tenant_id = ? AND lower(email) = lower(?) AND " + PENDING + " ORDER BY created_at FOR UPDATE")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, email);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(map(rs, now));
                }
            }
        }
        for (Invitation invitation : pending) {
            revoke(tenant, c, invitation.id(), now);
        }
        return pending;
    }

    public void revoke(TenantId tenant, Connection c, UUID id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE invitations SET revoked_at = ?"
                + " WHERE tenant_id = ? AND id = ? AND " + PENDING)) {
            ps.setObject(1, Sql.timestamp(now));
            ps.setObject(2, tenant.value());
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    public void markAccepted(TenantId tenant, Connection c, UUID id, UUID userId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE invitations SET accepted_at = ?, accepted_by = ?"
                + " WHERE tenant_id = ? AND id = ? AND " + PENDING)) {
            ps.setObject(1, Sql.timestamp(now));
            ps.setObject(2, userId);
            ps.setObject(3, tenant.value());
            ps.setObject(4, id);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("invitation " + id + " was not pending under its row lock");
            }
        }
    }

    private static Invitation map(ResultSet rs, Instant now) throws SQLException {
        Instant expiresAt = rs.getObject("expires_at", OffsetDateTime.class).toInstant();
        String status;
        if (rs.getObject("accepted_at") != null) {
            status = "accepted";
        } else if (rs.getObject("revoked_at") != null) {
            status = "revoked";
        } else if (!expiresAt.isAfter(now)) {
            status = "expired";
        } else {
            status = Invitation.PENDING;
        }
        return new Invitation(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("role"), status,
                rs.getObject("invited_by", UUID.class), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                expiresAt);
    }
}
