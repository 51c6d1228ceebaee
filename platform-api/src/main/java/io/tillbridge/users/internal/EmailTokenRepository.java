package io.tillbridge.users.internal;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** SQL for the one-time tokens sent by mail ({@code email_tokens}); only their hashes are stored. */
@Singleton
public class EmailTokenRepository {

    /** What a mailed token is for, and how long it lives. */
    public enum Purpose {
        VERIFY_EMAIL("verify-email", Duration.ofHours(24)),
        RESET_PASSWORD("reset-password", Duration.ofHours(1));

        private final String wire;
        private final Duration lifetime;

        Purpose(String wire, Duration lifetime) {
            this.wire = wire;
            this.lifetime = lifetime;
        }

        public String wire() {
            return wire;
        }

        public Duration lifetime() {
            return lifetime;
        }
    }

    public void insert(Connection c, UUID user, Purpose purpose, byte[] tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO email_tokens (id, user_id, purpose, token_hash,"
                + " expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, user);
            ps.setString(3, purpose.wire());
            ps.setBytes(4, tokenHash);
            ps.setTimestamp(5, Timestamp.from(now.plus(purpose.lifetime())));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** Whether the token could be used now (it is not used up by this check). */
    public boolean usable(Connection c, Purpose purpose, byte[] tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM email_tokens"
                + " WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?")) {
            ps.setBytes(1, tokenHash);
            ps.setString(2, purpose.wire());
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Uses the token up, atomically: the user it was issued to, or empty when it is unknown, meant
     * for something else, expired or used already.
     */
    public Optional<UUID> consume(Connection c, Purpose purpose, byte[] tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE email_tokens SET used_at = ?"
                + " WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBytes(2, tokenHash);
            ps.setString(3, purpose.wire());
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Uses up every other open token of the user for {@code purpose} (after one of them was used). */
    public int retireAll(Connection c, UUID user, Purpose purpose, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE email_tokens SET used_at = ?"
                + " WHERE user_id = ? AND purpose = ? AND used_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, user);
            ps.setString(3, purpose.wire());
            return ps.executeUpdate();
        }
    }
}
