package io.tillbridge.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.tillbridge.retention.internal.RetentionRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the platform keeps no longer than its {@link RetentionPolicy}: stored run records,
 * shadow changes and run events of finished runs, webhook events, vendor webhook events and their
 * finished changes (an event a pending or waiting change needs stays), closed record errors, expired
 * invitations, Idempotency-Key answers, expired refresh, email and impersonation tokens. Run
 * records an open error or a pending replay still needs, and everything of a queued or running
 * run, stay. The ledger and the audit log are never purged.
 *
 * <p>Tenant tables are purged tenant by tenant, each batch a short transaction of that tenant
 * (row-level security applies, as everywhere); platform tables in platform transactions. A batch
 * deletes at most {@link RetentionPolicy#batchSize()} rows; batches repeat until one deletes fewer.
 * What was deleted is logged per tenant and kind, and counted in the meter
 * {@value #METER} by kind.
 */
@Singleton
public class RetentionPurge {

    /** Rows purged, tagged by kind. */
    public static final String METER = "tillbridge.retention.purged";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
    private static final int TENANT_PAGE = 500;

    private final TenantTransactions transactions;
    private final RetentionPolicy policy;
    private final MeterRegistry meters;
    private final Clock clock;

    public RetentionPurge(TenantTransactions transactions, RetentionPolicy policy, MeterRegistry meters, Clock clock) {
        this.transactions = transactions;
        this.policy = policy;
        this.meters = meters;
        this.clock = clock;
    }

    /** Purges with the cut-offs computed from the clock's now. */
    public PurgeReport purge() {
        return purge(clock.instant());
    }

    /** Purges with the cut-offs computed from {@code now} (each kind keeps what is younger than its period). */
    public PurgeReport purge(Instant now) {
        Map<PurgeKind, PurgeReport.Counts> counts = new EnumMap<>(PurgeKind.class);
        for (PurgeKind kind : PurgeKind.values()) {
            if (!kind.perTenant()) {
                Instant cutoff = now.minus(policy.keep(kind));
                Batches b = batches(() -> transactions.withoutTenant(
                        c -> RetentionRows.purgePlatformBatch(c, kind, cutoff, policy.batchSize())));
                counts.put(kind, PurgeReport.Counts.NONE.plus(b.deleted, b.batches, b.largest, false));
            }
        }
        UUID after = null;
        List<UUID> page;
        do {
            UUID from = after;
            page = transactions.withoutTenant(c -> RetentionRows.tenants(c, from, TENANT_PAGE));
            for (UUID id : page) {
                purgeTenant(new TenantId(id), now, counts);
                after = id;
            }
        } while (page.size() == TENANT_PAGE);
        PurgeReport report = new PurgeReport(now, counts);
        report.kinds().forEach((kind, c) -> {
            if (c.deleted() > 0) {
                meters.counter(METER, "kind", kind.wire()).increment(c.deleted());
            }
        });
        LOG.info("Retention purge as of {} deleted {} rows: {}", now, report.total(), summary(report));
        return report;
    }

    private void purgeTenant(TenantId tenant, Instant now, Map<PurgeKind, PurgeReport.Counts> counts) {
        StringBuilder purged = new StringBuilder();
        for (PurgeKind kind : PurgeKind.values()) {
            if (kind.perTenant()) {
                Instant cutoff = now.minus(policy.keep(kind));
                Batches b = batches(() -> transactions.write(tenant,
                        c -> RetentionRows.purgeTenantBatch(c, kind, tenant.value(), cutoff, policy.batchSize())));
                counts.merge(kind, PurgeReport.Counts.NONE.plus(b.deleted, b.batches, b.largest, b.deleted > 0),
                        (x, y) -> x.plus(y.deleted(), y.batches(), y.largestBatch(), y.tenants() > 0));
                if (b.deleted > 0) {
                    purged.append(purged.isEmpty() ? "" : ", ").append(b.deleted).append(' ').append(kind.wire());
                }
            }
        }
        if (!purged.isEmpty()) {
            LOG.info("Retention purge deleted {} of tenant {}", purged, tenant);
        }
    }

    private Batches batches(java.util.function.IntSupplier batch) {
        Batches b = new Batches();
        int deleted;
        do {
            deleted = batch.getAsInt();
            b.batches++;
            b.deleted += deleted;
            b.largest = Math.max(b.largest, deleted);
        } while (deleted >= policy.batchSize());
        return b;
    }

    private static String summary(PurgeReport report) {
        StringBuilder out = new StringBuilder();
        report.kinds().forEach((kind, c) -> out.append(out.isEmpty() ? "" : ", ").append(kind.wire()).append('=')
                .append(c.deleted()).append(c.tenants() > 0 ? " (" + c.tenants() + " tenants)" : ""));
        return out.toString();
    }

    private static final class Batches {
        long deleted;
        int batches;
        int largest;
    }
}
