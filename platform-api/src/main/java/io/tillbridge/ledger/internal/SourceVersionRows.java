package io.tillbridge.ledger.internal;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** SQL of {@code source_versions}. Callers own the transaction and its tenant scope. */
public final class SourceVersionRows {

    private SourceVersionRows() {
    }

    /** Inserts or replaces the versions of the records, as one batch. */
    public static void save(Connection c, UUID tenant, UUID integrationId, UUID connectionId, String stream,
            Collection<SourceRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_versions (tenant_id, integration_id,"
                + " source_key, connection_id, stream, version) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, integration_id, source_key) DO UPDATE SET version = EXCLUDED.version,"
                + " connection_id = EXCLUDED.connection_id, stream = EXCLUDED.stream, updated_at = clock_timestamp()")) {
            for (SourceRecord record : records) {
                Sql.bind(ps, tenant, integrationId, record.key(), connectionId, stream, record.version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored versions of {@code keys}, by key: one primary-key probe per key, as {@link LedgerRows#find} does. */
    public static Map<String, String> find(Connection c, UUID integrationId, Collection<String> keys)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        for (String[] row : Sql.list(c, "SELECT v.source_key, v.version FROM unnest(?::text[]) AS k(source_key)"
                + " CROSS JOIN LATERAL (SELECT source_key, version FROM source_versions WHERE integration_id = ?"
                + " AND source_key = k.source_key LIMIT 1) v", rs -> new String[] {rs.getString(1), rs.getString(2)},
                c.createArrayOf("text", keys.toArray()), integrationId)) {
            found.put(row[0], row[1]);
        }
        return found;
    }

    public static boolean written(Connection c, UUID connectionId, Collection<String> streams, String key)
            throws SQLException {
        return Sql.first(c, "SELECT 1 FROM source_versions WHERE connection_id = ? AND stream = ANY(?)"
                + " AND source_key = ? LIMIT 1", rs -> Boolean.TRUE, connectionId,
                c.createArrayOf("text", streams.toArray()), key).isPresent();
    }
}
