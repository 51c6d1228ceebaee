package io.tillbridge.shadow;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.runs.RunTransaction;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The changes shadow runs computed (DD-012): per run and source key, the action the run would have
 * taken against the target's current row, with before, after and the changed fields. Written in
 * the run's fenced page transaction; read per run, paged and by action, and as a summary.
 */
@Singleton
public class ShadowChanges {

    private final TenantTransactions tenants;

    public ShadowChanges(TenantTransactions tenants) {
        this.tenants = tenants;
    }

    /** Stores a page's changes, inside the run's fenced page transaction. */
    public void record(RunTransaction tx, Collection<ShadowChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        // One statement per page (the storage count's trigger fires per statement); the last change of a key wins.
        Map<String, ShadowChange> last = new LinkedHashMap<>();
        changes.forEach(change -> last.put(change.sourceKey(), change));
        List<String> keys = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        List<String> befores = new ArrayList<>();
        List<String> afters = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ShadowChange change : last.values()) {
            keys.add(change.sourceKey());
            actions.add(change.action());
            befores.add(change.before() == null ? null : RecordJson.write(change.before()));
            afters.add(RecordJson.write(change.after()));
            changed.add(RecordJson.write(change.changedFields()));
        }
        Connection c = tx.connection();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shadow_changes (tenant_id, run_id, source_key,"
                + " action, before, after, changed_fields) SELECT ?, ?, k, a, b::jsonb, f::jsonb, d::jsonb"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS x(k, a, b, f, d)"
                + " ON CONFLICT (tenant_id, run_id, source_key) DO UPDATE SET action = EXCLUDED.action,"
                + " before = EXCLUDED.before, after = EXCLUDED.after, changed_fields = EXCLUDED.changed_fields")) {
            ps.setObject(1, tx.tenant().value());
            ps.setObject(2, tx.runId());
            ps.setArray(3, c.createArrayOf("text", keys.toArray()));
            ps.setArray(4, c.createArrayOf("text", actions.toArray()));
            ps.setArray(5, c.createArrayOf("text", befores.toArray()));
            ps.setArray(6, c.createArrayOf("text", afters.toArray()));
            ps.setArray(7, c.createArrayOf("text", changed.toArray()));
            ps.executeUpdate();
        }
    }

    /** A run's changes by source key, one page at a time; 404 for an unknown run. */
    public Page<ShadowChange> list(TenantScope scope, UUID runId, String action, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        if (action != null && !ShadowChange.ACTIONS.contains(action)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "action must be create, update or unchanged.");
        }
        String after = cursor.map(c -> Cursor.decode(c, 1).get(0)).orElse(null);
        List<ShadowChange> fetched = tenants.read(scope.tenant(), c -> {
            requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("SELECT source_key, action, before::text, after::text,"
                    + " changed_fields::text FROM shadow_changes WHERE run_id = ?"
                    + (action != null ? " AND action = ?" : "") + (after != null ? " AND source_key > ?" : "")
                    + " ORDER BY source_key LIMIT ?")) {
                int i = 1;
                ps.setObject(i++, runId);
                if (action != null) {
                    ps.setString(i++, action);
                }
                if (after != null) {
                    ps.setString(i++, after);
                }
                ps.setInt(i, limit + 1);
                List<ShadowChange> changes = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new ShadowChange(rs.getString(1), rs.getString(2), RecordJson.readMap(rs.getString(3)),
                                RecordJson.readMap(rs.getString(4)), RecordJson.readStrings(rs.getString(5))));
                    }
                }
                return changes;
            }
        });
        return Page.of(fetched, limit, change -> Cursor.of(change.sourceKey()));
    }

    /** How many records the run would have created, updated and left unchanged; 404 for an unknown run. */
    public ShadowSummary summary(TenantScope scope, UUID runId) {
        scope.require(Permission.READ);
        return tenants.read(scope.tenant(), c -> {
            requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE action = 'create'),"
                    + " count(*) FILTER (WHERE action = 'update'), count(*) FILTER (WHERE action = 'unchanged')"
                    + " FROM shadow_changes WHERE run_id = ?")) {
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new ShadowSummary(runId, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    private static void requireRun(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ProblemException(ProblemType.NOT_FOUND, "No such run.");
                }
            }
        }
    }
}
