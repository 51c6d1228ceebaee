package io.tillbridge.ledger.internal;

import io.tillbridge.ledger.LedgerEntry;
import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** SQL of the ledger table. Callers own the transaction and its tenant scope. */
public final class LedgerRows {

    private LedgerRows() {
    }

    /** The entries of {@code sourceKeys} that the ledger has, by source key. */
    public static Map<String, LedgerEntry> find(Connection c, UUID integrationId, Collection<String> sourceKeys)
            throws SQLException {
        Map<String, LedgerEntry> found = new HashMap<>();
        for (LedgerEntry entry : Sql.list(c, "SELECT source_key, version_hash, target_ref FROM ledger"
                + " WHERE integration_id = ? AND source_key = ANY(?)",
                rs -> new LedgerEntry(rs.getString(1), rs.getString(2), rs.getString(3)),
                integrationId, c.createArrayOf("text", sourceKeys.toArray()))) {
            found.put(entry.sourceKey(), entry);
        }
        return found;
    }

    /** Inserts or updates the entries a run wrote, as one batch. */
    public static void save(Connection c, UUID tenant, UUID integrationId, UUID runId, Collection<LedgerEntry> written)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger (tenant_id, integration_id,"
                + " source_key, version_hash, target_ref, last_run_id) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, integration_id, source_key) DO UPDATE SET version_hash ="
                + " EXCLUDED.version_hash, target_ref = CASE WHEN EXCLUDED.target_ref = '' THEN ledger.target_ref"
                + " ELSE EXCLUDED.target_ref END, last_run_id = EXCLUDED.last_run_id, updated_at = clock_timestamp()")) {
            for (LedgerEntry entry : written) {
                Sql.bind(ps, tenant, integrationId, entry.sourceKey(), entry.versionHash(), entry.targetRef(), runId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
