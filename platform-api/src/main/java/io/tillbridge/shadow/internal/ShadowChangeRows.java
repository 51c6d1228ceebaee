package io.tillbridge.shadow.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.shadow.ShadowChange;
import io.tillbridge.shadow.ShadowSummary;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** SQL of the shadow_changes table. Callers own the transaction and its tenant scope. */
public final class ShadowChangeRows {

    private ShadowChangeRows() {
    }

    /**
     * Inserts or updates a run's changes, one per source key, in one statement (the storage count's
     * trigger fires per statement).
     */
    public static void save(Connection c, UUID tenant, UUID runId, Collection<ShadowChange> changes)
            throws SQLException {
        List<String> keys = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        List<String> befores = new ArrayList<>();
        List<String> afters = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ShadowChange change : changes) {
            keys.add(change.sourceKey());
            actions.add(change.action());
            befores.add(change.before() == null ? null : RecordJson.write(change.before()));
            afters.add(RecordJson.write(change.after()));
            changed.add(RecordJson.write(change.changedFields()));
        }
        Sql.update(c, "INSERT INTO shadow_changes (tenant_id, run_id, source_key,"
                + " action, before, after, changed_fields) SELECT ?, ?, k, a, b::jsonb, f::jsonb, d::jsonb"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS x(k, a, b, f, d)"
                + " ON CONFLICT (tenant_id, run_id, source_key) DO UPDATE SET action = EXCLUDED.action,"
                + " before = EXCLUDED.before, after = EXCLUDED.after, changed_fields = EXCLUDED.changed_fields",
                tenant, runId, texts(c, keys), texts(c, actions), texts(c, befores), texts(c, afters),
                texts(c, changed));
    }

    /** A run's changes by source key, of {@code action} and after {@code afterKey} when given. */
    public static List<ShadowChange> list(Connection c, UUID runId, String action, String afterKey, int limit)
            throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(runId));
        if (action != null) {
            parameters.add(action);
        }
        if (afterKey != null) {
            parameters.add(afterKey);
        }
        parameters.add(limit);
        return Sql.list(c, "SELECT source_key, action, before::text, after::text,"
                + " changed_fields::text FROM shadow_changes WHERE run_id = ?"
                + (action != null ? " AND action = ?" : "") + (afterKey != null ? " AND source_key > ?" : "")
                + " ORDER BY source_key LIMIT ?",
                rs -> new ShadowChange(rs.getString(1), rs.getString(2), RecordJson.readMap(rs.getString(3)),
                        RecordJson.readMap(rs.getString(4)), RecordJson.readStrings(rs.getString(5))),
                parameters.toArray());
    }

    /** How many records the run would have created, updated and left unchanged. */
    public static ShadowSummary summary(Connection c, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT count(*) FILTER (WHERE action = 'create'),"
                + " count(*) FILTER (WHERE action = 'update'), count(*) FILTER (WHERE action = 'unchanged')"
                + " FROM shadow_changes WHERE run_id = ?",
                rs -> new ShadowSummary(runId, rs.getLong(1), rs.getLong(2), rs.getLong(3)), runId).orElseThrow();
    }

    /** Whether the tenant has the run. */
    public static boolean runExists(Connection c, UUID runId) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM runs WHERE id = ?", rs -> true, runId).isPresent();
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}
