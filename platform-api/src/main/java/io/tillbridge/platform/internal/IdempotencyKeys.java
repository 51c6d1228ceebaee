package io.tillbridge.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The stored requests and responses of the {@code Idempotency-Key} contract, one row per caller
 * scope and key. A row is claimed before the request runs (no status yet) and completed with the
 * response afterwards; a request that failed is forgotten so that its key can be used again.
 */
public final class IdempotencyKeys {

    /** A stored key: the request's hash and, once the request finished, its response. */
    public record Stored(byte[] requestHash, Integer status, String contentType, String location, byte[] body) {
    }

    private IdempotencyKeys() {
    }

    /** Claims {@code key} in {@code scope} for the request with {@code requestHash}; false if it was taken. */
    public static boolean claim(Connection c, String scope, String key, byte[] requestHash) throws SQLException {
        return Sql.update(c, "INSERT INTO idempotency_records (scope, key, request_hash) VALUES (?, ?, ?)"
                + " ON CONFLICT (scope, key) DO NOTHING", scope, key, requestHash) == 1;
    }

    /** Stores the response of the request that claimed {@code key}. */
    public static void complete(Connection c, String scope, String key, int status, String contentType,
            String location, byte[] body) throws SQLException {
        Sql.update(c, "UPDATE idempotency_records SET status = ?, content_type = ?, location = ?, body = ?"
                + " WHERE scope = ? AND key = ?", status, contentType, location, body, scope, key);
    }

    /** What is stored under {@code key}, if anything. */
    public static Optional<Stored> find(Connection c, String scope, String key) throws SQLException {
        return Sql.first(c, "SELECT request_hash, status, content_type, location, body FROM idempotency_records"
                + " WHERE scope = ? AND key = ?",
                rs -> new Stored(rs.getBytes(1), Sql.nullableInt(rs, "status"), rs.getString(3), rs.getString(4),
                        rs.getBytes(5)),
                scope, key);
    }

    /** Forgets {@code key}, so that a request that failed can be sent again. */
    public static void forget(Connection c, String scope, String key) throws SQLException {
        Sql.update(c, "DELETE FROM idempotency_records WHERE scope = ? AND key = ?", scope, key);
    }
}
