package io.tillbridge.users.internal;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for refresh tokens ({@code refresh_tokens}). Every token belongs to a family: the chain of
 * tokens that one sign-in rotated through. Only token hashes are stored.
 */
@Singleton
public class RefreshTokenRepository {

    /** A stored refresh token. */
    public record RefreshTokenRow(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant rotatedAt,
            Instant revokedAt) {
    }

    public void insert(Connection c, UUID familyId, UUID user, byte[] tokenHash, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO refresh_tokens (id, family_id, user_id, token_hash,"
                + " expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, familyId);
            ps.setObject(3, user);
            ps.setBytes(4, tokenHash);
            ps.setTimestamp(5, Timestamp.from(expiresAt));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** The token with this hash, locked until the transaction ends, so that two uses serialise. */
    public Optional<RefreshTokenRow> findForUpdate(Connection c, byte[] tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, family_id, user_id, expires_at, rotated_at, revoked_at"
                + " FROM refresh_tokens WHERE token_hash = ? FOR UPDATE")) {
            ps.setBytes(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RefreshTokenRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6))));
            }
        }
    }

    public void markRotated(Connection c, UUID id, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_tokens SET rotated_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /** Revokes every token of the family that is not revoked yet; how many were. */
    public int revokeFamily(Connection c, UUID familyId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_tokens SET revoked_at = ?"
                + " WHERE family_id = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, familyId);
            return ps.executeUpdate();
        }
    }

    /** Revokes every token of the user (all their sessions); how many were. */
    public int revokeAllOfUser(Connection c, UUID user, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_tokens SET revoked_at = ?"
                + " WHERE user_id = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, user);
            return ps.executeUpdate();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
