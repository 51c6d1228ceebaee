package io.tillbridge.shadow;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.queue.RunTransaction;
import io.tillbridge.shadow.internal.ShadowChangeRows;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
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
        ShadowChangeRows.save(tx.connection(), tx.tenant().value(), tx.runId(), last.values());
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
            return ShadowChangeRows.list(c, runId, action, after, limit + 1);
        });
        return Page.of(fetched, limit, change -> Cursor.of(change.sourceKey()));
    }

    /** How many records the run would have created, updated and left unchanged; 404 for an unknown run. */
    public ShadowSummary summary(TenantScope scope, UUID runId) {
        scope.require(Permission.READ);
        return tenants.read(scope.tenant(), c -> {
            requireRun(c, runId);
            return ShadowChangeRows.summary(c, runId);
        });
    }

    private static void requireRun(Connection c, UUID runId) throws SQLException {
        if (!ShadowChangeRows.runExists(c, runId)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such run.");
        }
    }
}
