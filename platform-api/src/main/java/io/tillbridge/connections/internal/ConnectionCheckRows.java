package io.tillbridge.connections.internal;

import io.tillbridge.connections.CheckOutcome;
import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code connection_checks}. Callers own the transaction and its tenant scope. */
public final class ConnectionCheckRows {

    /** The longest message kept. */
    public static final int MAX_MESSAGE = 1000;

    /** One connection with its last check, if any. */
    public record Row(UUID id, String name, String connectorId, boolean sandbox, Instant checkedAt, Boolean ok,
            String category, String message, Instant failingSince, Instant accessExpiresAt) {
    }

    private static final String SELECT = "SELECT c.id, c.name, c.connector_id, c.sandbox, k.checked_at, k.ok,"
            + " k.category, k.message, k.failing_since, k.access_expires_at"
            + " FROM connections c LEFT JOIN connection_checks k ON k.connection_id = c.id";

    private ConnectionCheckRows() {
    }

    /**
     * Stores a check's outcome; answers true when the connection worked before (or was never
     * checked) and fails now: it broke with this check.
     */
    public static boolean record(Connection c, UUID tenant, UUID connectionId, CheckOutcome outcome) throws SQLException {
        Optional<Boolean> before = Sql.first(c, "SELECT ok FROM connection_checks WHERE connection_id = ? FOR UPDATE",
                rs -> rs.getBoolean(1), connectionId);
        boolean ok = "OK".equals(outcome.status());
        String message = outcome.message() == null ? null
                : outcome.message().length() > MAX_MESSAGE ? outcome.message().substring(0, MAX_MESSAGE) : outcome.message();
        Object at = Sql.timestamp(outcome.checkedAt());
        Sql.update(c, "INSERT INTO connection_checks (tenant_id, connection_id, checked_at, ok, category, message,"
                + " failing_since) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, connection_id) DO UPDATE SET checked_at = EXCLUDED.checked_at,"
                + " ok = EXCLUDED.ok, category = EXCLUDED.category, message = EXCLUDED.message,"
                + " failing_since = CASE WHEN EXCLUDED.ok THEN NULL"
                + " ELSE coalesce(connection_checks.failing_since, EXCLUDED.failing_since) END",
                tenant, connectionId, at, ok, ok ? null : outcome.status(), ok ? null : message, ok ? null : at);
        return !ok && before.orElse(Boolean.TRUE);
    }

    /** Records when the connection's OAuth access can no longer be renewed (null: it can, or unknown). */
    public static void accessExpiry(Connection c, UUID connectionId, Instant expiresAt) throws SQLException {
        Sql.update(c, "UPDATE connection_checks SET access_expires_at = ? WHERE connection_id = ?",
                expiresAt == null ? null : Sql.timestamp(expiresAt), connectionId);
    }

    /** Up to {@code limit} non-sandbox connections last checked before {@code before} (or never), longest first. */
    public static List<UUID> due(Connection c, Instant before, int limit) throws SQLException {
        return Sql.list(c, "SELECT c.id FROM connections c LEFT JOIN connection_checks k ON k.connection_id = c.id"
                + " WHERE NOT c.sandbox AND (k.checked_at IS NULL OR k.checked_at < ?)"
                + " ORDER BY k.checked_at NULLS FIRST, c.id LIMIT ?", rs -> Sql.uuid(rs, 1), Sql.timestamp(before), limit);
    }

    /** Every connection of the tenant with its last check, by name. */
    public static List<Row> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + " ORDER BY c.name, c.id", ConnectionCheckRows::row);
    }

    public static Optional<Row> one(Connection c, UUID connectionId) throws SQLException {
        return Sql.first(c, SELECT + " WHERE c.id = ?", ConnectionCheckRows::row, connectionId);
    }

    private static Row row(ResultSet rs) throws SQLException {
        boolean okValue = rs.getBoolean("ok");
        Boolean ok = rs.wasNull() ? null : okValue;
        return new Row(Sql.uuid(rs, "id"), rs.getString("name"), rs.getString("connector_id"), rs.getBoolean("sandbox"),
                Sql.instant(rs, "checked_at"), ok, rs.getString("category"), rs.getString("message"),
                Sql.instant(rs, "failing_since"), Sql.instant(rs, "access_expires_at"));
    }
}
