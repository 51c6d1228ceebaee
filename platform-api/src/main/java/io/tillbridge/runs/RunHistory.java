package io.tillbridge.runs;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.runs.internal.RunRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's side of its runs, read in the tenant's own transactions: a run, its events, run
 * lists with filters, and the source records a run stored (for replays). Queueing and cancelling runs
 * is {@link RunCommands}; claiming, leasing and fenced commits are {@link io.tillbridge.runs.queue.RunLeases}.
 */
@Singleton
public class RunHistory {

    private final TenantTransactions tenants;

    public RunHistory(TenantTransactions tenants) {
        this.tenants = tenants;
    }

    /** The tenant's record of a run; empty when the tenant has no such run. */
    public Optional<Run> find(TenantId tenant, UUID runId) {
        return tenants.read(tenant, c -> RunRows.find(c, runId));
    }

    /** What happened to a run, in order. */
    public List<RunEvent> events(TenantId tenant, UUID runId) {
        return tenants.read(tenant, c -> RunRows.events(c, runId));
    }

    /** The runs of one integration, newest first, one page at a time. */
    public Page<Run> list(TenantScope scope, UUID integrationId, Optional<String> cursor, int limit) {
        return list(scope, RunFilter.ANY.withIntegration(integrationId), cursor, limit);
    }

    /** The tenant's runs matching {@code filter}, newest first, one page at a time. */
    public Page<Run> list(TenantScope scope, RunFilter filter, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        Optional<Cursor.TimeAndId> after = Cursor.timeAndId(cursor);
        Instant queuedAt = after.map(Cursor.TimeAndId::at).orElse(null);
        UUID id = after.map(Cursor.TimeAndId::id).orElse(null);
        List<Run> fetched = tenants.read(scope.tenant(),
                c -> RunRows.list(c, filter, queuedAt, id, limit + 1));
        return Page.of(fetched, limit, r -> Cursor.of(r.queuedAt(), r.id()));
    }

    /** Up to {@code limit} source records that {@code runId} stored, by key, after {@code afterKey}. */
    public List<SourceRecord> storedRecords(TenantId tenant, UUID runId, String afterKey, int limit) {
        return tenants.read(tenant, c -> RunRows.storedRecords(c, runId, afterKey, limit));
    }
}
