package io.tillbridge.vendorhooks;

import io.micronaut.context.annotation.Value;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.support.TenantStatusService;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.vendorhooks.internal.VendorHookRows;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the webhook runs that stored changes ask for, off the receiving thread (DD-028). A delivery
 * is answered once its changes are committed; it then asks for a run of each integration they
 * concern, and one thread queues a coalesced run per integration asked for since its last pass, at
 * most one pass every 50 ms, so a burst of deliveries costs one queueing transaction per integration
 * and pass, not one each. A run
 * queued, or found queued, after a change's commit sees that change. What a crash or an unreachable
 * database leaves unqueued is found by a sweep every {@code tillbridge.vendor-hooks.sweep-interval}
 * (default 30 s): integrations with changes pending longer than that, or waiting longer than the
 * waiting limit ({@link VendorHookChanges}), get a run.
 */
@Singleton
class RunRequests {

    private static final Logger LOG = LoggerFactory.getLogger(RunRequests.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /**
     * The shortest time between two passes: under a stream of deliveries the runs they ask for are
     * queued together (a run still queued takes them all anyway), not one pass per delivery, which
     * would take database time from the deliveries themselves (benchmark G7).
     */
    static final long PASS_GAP_NANOS = Duration.ofMillis(50).toNanos();

    private final RunCommands runs;
    private final TenantStatusService tenants;
    private final TenantTransactions transactions;
    private final VendorHookRows rows;
    private final Duration sweepInterval;
    private final Duration waitingLimit;
    private final Map<UUID, TenantId> wanted = new ConcurrentHashMap<>();
    private final AtomicBoolean passScheduled = new AtomicBoolean();
    private volatile long lastPassNanos = System.nanoTime() - PASS_GAP_NANOS;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vendor-webhook-runs");
        t.setDaemon(true);
        return t;
    });

    RunRequests(RunCommands runs, TenantStatusService tenants, TenantTransactions transactions, VendorHookRows rows,
            @Value("${tillbridge.vendor-hooks.sweep-interval:30s}") Duration sweepInterval, VendorHookChanges changes) {
        this.runs = runs;
        this.tenants = tenants;
        this.transactions = transactions;
        this.rows = rows;
        this.sweepInterval = sweepInterval;
        this.waitingLimit = changes.waitingLimit();
        thread.scheduleWithFixedDelay(this::sweep, sweepInterval.toMillis(), sweepInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Asks for a webhook run of the integration; returns at once. Call after the changes committed. */
    void request(TenantId tenant, UUID integration) {
        wanted.put(integration, tenant);
        if (passScheduled.compareAndSet(false, true)) {
            long wait = lastPassNanos + PASS_GAP_NANOS - System.nanoTime();
            try {
                thread.schedule(this::pass, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: the sweep of the next start finds the changes
            }
        }
    }

    private void pass() {
        lastPassNanos = System.nanoTime();
        passScheduled.set(false);
        boolean retry = false;
        for (UUID integration : List.copyOf(wanted.keySet())) {
            TenantId tenant = wanted.remove(integration);
            if (tenant == null) {
                continue;
            }
            try {
                if (tenants.isActive(tenant)) {
                    runs.enqueueCoalesced(tenant, integration, RunTrigger.WEBHOOK);
                }
            } catch (RuntimeException e) {
                wanted.putIfAbsent(integration, tenant);
                retry = true;
                LOG.warn("Webhook run of integration {} not queued yet: {}", integration, e.getMessage());
            }
        }
        if (retry && passScheduled.compareAndSet(false, true)) {
            thread.schedule(this::pass, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Asks for a run of every integration whose changes have been pending longer than the sweep
     * interval, or waiting longer than the waiting limit (the run moves them to the error inbox).
     */
    private void sweep() {
        try {
            for (TenantId tenant : transactions.withoutTenant(rows::tenantsWithRoutes)) {
                for (UUID integration : transactions.read(tenant,
                        c -> rows.pendingSince(c, sweepInterval, waitingLimit))) {
                    request(tenant, integration);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("The sweep for pending webhook changes failed: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
