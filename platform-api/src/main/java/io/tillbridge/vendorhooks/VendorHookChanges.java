package io.tillbridge.vendorhooks;

import io.micronaut.context.annotation.Value;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.runs.queue.RunTransaction;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.vendorhooks.internal.VendorHookRows;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The changes vendor events queued for each integration, as a webhook run drains them (DD-028):
 * read oldest first, then marked written, skipped (older than what was written, or gone) or
 * waiting (a refund whose order was not written yet), in the page's transaction where they were
 * written. A change waits at most {@code tillbridge.vendor-hooks.waiting-limit} (72 hours, as long
 * as Square's offline payments may arrive late); after that the run records it in the error inbox
 * and marks it skipped.
 */
@Singleton
public class VendorHookChanges {

    /** A change's state after a run looked at it. */
    public enum Outcome {
        WRITTEN("written"), SKIPPED("skipped"), WAITING("waiting");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }
    }

    private final TenantTransactions transactions;
    private final VendorHookRows rows;
    private final RunCommands runs;
    private final Duration waitingLimit;
    private final Clock clock;

    public VendorHookChanges(TenantTransactions transactions, VendorHookRows rows, RunCommands runs,
            @Value("${tillbridge.vendor-hooks.waiting-limit:72h}") Duration waitingLimit, Clock clock) {
        if (waitingLimit.isNegative() || waitingLimit.isZero()) {
            throw new IllegalArgumentException("tillbridge.vendor-hooks.waiting-limit must be positive");
        }
        this.transactions = transactions;
        this.rows = rows;
        this.runs = runs;
        this.waitingLimit = waitingLimit;
        this.clock = clock;
    }

    /** How long a change may wait for the record it refers to. */
    public Duration waitingLimit() {
        return waitingLimit;
    }

    /** Whether a change stored at {@code since} has waited longer than the limit. */
    public boolean waitedTooLong(Instant since) {
        return since.plus(waitingLimit).isBefore(clock.instant());
    }

    /** Whether the connection has a vendor webhook route (its webhook runs drain changes instead of reading). */
    public boolean hasRoute(TenantId tenant, UUID connectionId) {
        return transactions.read(tenant, c -> rows.byConnection(c, connectionId, false)).isPresent();
    }

    /** The integration's open changes after {@code afterId}, oldest first, at most {@code limit}. */
    public List<PendingChange> open(TenantId tenant, UUID integrationId, long afterId, int limit) {
        return transactions.read(tenant, c -> rows.open(c, integrationId, afterId, limit)).stream()
                .map(o -> new PendingChange(o.id(), o.stream(), o.key(), o.version(), o.deleted(),
                        o.record() == null ? null : RecordJson.readMap(o.record()), "waiting".equals(o.status()),
                        o.createdAt()))
                .toList();
    }

    /** Marks changes in the run's page transaction. */
    public void mark(RunTransaction tx, List<Long> ids, Outcome outcome, String note) throws SQLException {
        rows.mark(tx.connection(), ids, outcome.wire, note);
    }

    /** Marks changes in a transaction of their own (nothing was written for them). */
    public void mark(TenantId tenant, List<Long> ids, Outcome outcome, String note) {
        if (!ids.isEmpty()) {
            transactions.write(tenant, c -> {
                rows.mark(c, ids, outcome.wire, note);
                return null;
            });
        }
    }

    /** Whether some integration reads one of {@code streams} from the connection (a refund waits only then). */
    public boolean read(TenantId tenant, UUID connectionId, java.util.Collection<String> streams) {
        return transactions.read(tenant, c -> rows.readers(c, connectionId)).stream()
                .anyMatch(r -> streams.contains(r.stream()));
    }

    /** Queues a webhook run of each integration of the connection that has waiting changes. */
    public void wakeWaiting(TenantId tenant, UUID connectionId) {
        for (UUID integration : transactions.read(tenant, c -> rows.waiting(c, connectionId))) {
            runs.enqueueCoalesced(tenant, integration, RunTrigger.WEBHOOK);
        }
    }
}
