package io.tillbridge.users.internal;

import io.tillbridge.platform.internal.Sql;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
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
        Sql.update(c, "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", UUID.randomUUID(), familyId, user, tokenHash, expiresAt, now);
    }

    /** The token with this hash, locked until the transaction ends, so that two uses serialise. */
    public Optional<RefreshTokenRow> findForUpdate(Connection c, byte[] tokenHash) throws SQLException {
        return Sql.first(c, "SELECT id, family_id, user_id, expires_at, rotated_at, revoked_at"
                + " FROM refresh_tokens WHERE token_hash = ? FOR UPDATE",
                rs -> new RefreshTokenRow(Sql.uuid(rs, 1), Sql.uuid(rs, 2), Sql.uuid(rs, 3), Sql.instant(rs, 4),
                        Sql.instant(rs, 5), Sql.instant(rs, 6)),
                tokenHash);
    }

    public void markRotated(Connection c, UUID id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE refresh_tokens SET rotated_at = ? WHERE id = ?", at, id);
    }

    /** Revokes every token of the family that is not revoked yet; how many were. */
    public int revokeFamily(Connection c, UUID familyId, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                at, familyId);
    }

    /** Revokes every token of the user (all their sessions); how many were. */
    public int revokeAllOfUser(Connection c, UUID user, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                at, user);
    }
}
