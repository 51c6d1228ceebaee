package io.tillbridge.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code tenant_storage} (kept up to date by triggers, V8_41) and the tenant's plan. */
public final class StorageRows {

    /** A tenant's stored bytes, its own cap (null: none) and its plan. */
    public record Row(long bytes, Long maxBytes, String plan) {
    }

    private StorageRows() {
    }

    /** In a transaction of {@code tenant}: empty when there is no such tenant. */
    public static Optional<Row> find(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(s.bytes, 0), s.max_bytes, t.plan FROM tenants t"
                + " LEFT JOIN tenant_storage s ON s.tenant_id = t.id WHERE t.id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long bytes = rs.getLong(1);
                long max = rs.getLong(2);
                Long maxBytes = rs.wasNull() ? null : max;
                return Optional.of(new Row(bytes, maxBytes, rs.getString(3)));
            }
        }
    }
}
