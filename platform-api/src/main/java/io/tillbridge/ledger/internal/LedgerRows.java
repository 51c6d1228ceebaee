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

    /**
     * The entries of {@code sourceKeys} that the ledger has, by source key: one primary-key probe per
     * key, so that a page's lookup costs the same at an integration's thousandth entry and at its
     * millionth. Not {@code source_key = ANY(?)}: when the planner thinks an integration has few
     * entries (a table not analyzed yet, as during a first large backfill, or a generic plan), that
     * reads every entry of the integration and compares each with every key of the array, which
     * made each page of a 200,000-order backfill slower than the one before (0.3 s, or 4.5 s under a generic
     * plan, for 1,000 keys at 200,000 entries, against 2 ms for the probes). {@code LIMIT 1} keeps each probe a
     * parameterized index scan, which the planner cannot turn into that scan.
     */
    public static Map<String, LedgerEntry> find(Connection c, UUID integrationId, Collection<String> sourceKeys)
            throws SQLException {
        Map<String, LedgerEntry> found = new HashMap<>();
        for (LedgerEntry entry : Sql.list(c, "SELECT l.source_key, l.version_hash, l.target_ref"
                + " FROM unnest(?::text[]) AS k(source_key) CROSS JOIN LATERAL (SELECT source_key, version_hash,"
                + " target_ref FROM ledger WHERE integration_id = ? AND source_key = k.source_key LIMIT 1) l",
                rs -> new LedgerEntry(rs.getString(1), rs.getString(2), rs.getString(3)),
                c.createArrayOf("text", sourceKeys.toArray()), integrationId)) {
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
