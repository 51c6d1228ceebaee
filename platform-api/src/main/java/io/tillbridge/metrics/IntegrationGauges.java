package io.tillbridge.metrics;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tillbridge.metrics.internal.GaugeRows;
import io.tillbridge.tenants.ActiveTenants;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the per-integration gauges of {@link IntegrationMetrics} from the database every
 * {@code tillbridge.metrics.refresh} (default 60 s), on processes with the scheduler role: one query
 * per active tenant.
 */
@Singleton
@Requires(property = "tillbridge.roles.scheduler", value = "true", defaultValue = "true")
public class IntegrationGauges {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationGauges.class);

    private final TenantTransactions transactions;
    private final ActiveTenants tenants;
    private final IntegrationMetrics metrics;
    private final Clock clock;

    public IntegrationGauges(TenantTransactions transactions, ActiveTenants tenants, IntegrationMetrics metrics,
            Clock clock) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tillbridge.metrics.refresh:60s}", initialDelay = "${tillbridge.metrics.refresh:60s}")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("The integration gauges could not be refreshed: {}", e.getMessage());
        }
    }

    /** Reads every active tenant's integrations and sets their gauges; answers how many integrations it saw. */
    public int refresh() {
        Set<IntegrationMetrics.Key> seen = new HashSet<>();
        long[] overCap = {0};
        tenants.forEach(tenant -> {
            for (GaugeRows.Row r : transactions.read(tenant, c -> GaugeRows.rows(c, clock.instant()))) {
                if (metrics.gauges(tenant.value(), r.integration(), r.openErrors(), r.queuedRuns(),
                        r.consecutiveFailures(), r.freshnessSeconds())) {
                    seen.add(IntegrationMetrics.keyOf(tenant.value(), r.integration()));
                } else {
                    overCap[0]++;
                }
            }
            return true;
        });
        metrics.refreshed(seen, overCap[0]);
        return seen.size() + (int) overCap[0];
    }
}
