package io.tillbridge.access;

import io.tillbridge.migrations.JdbcTarget;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The secret that access tokens are signed with. Unless one is configured, the first process of
 * an installation creates it in the database, so that every process (API replicas, portal) signs
 * and verifies with the same key and tokens survive restarts.
 */
public final class SigningKeys {

    static final String ACCESS_TOKENS = "access-tokens";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningKeys() {
    }

    /** The access-token signing secret stored in the database, created on first use. */
    public static String accessTokenSecret(JdbcTarget database) {
        byte[] candidate = new byte[48];
        RANDOM.nextBytes(candidate);
        try (Connection c = database.connect()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO signing_keys (id, secret) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, ACCESS_TOKENS);
                ps.setBytes(2, candidate);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM signing_keys WHERE id = ?")) {
                ps.setString(1, ACCESS_TOKENS);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Base64.getEncoder().encodeToString(rs.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the token signing key: " + e.getMessage(), e);
        }
    }
}
