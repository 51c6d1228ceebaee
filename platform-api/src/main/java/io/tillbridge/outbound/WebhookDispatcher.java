package io.tillbridge.outbound;

import io.tillbridge.outbound.internal.DeliveryQueue;
import io.tillbridge.outbound.internal.DeliveryRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns the tenants' new events ({@code platform_events}, in seq order) into deliveries: one per
 * enabled subscription of the event's type, unique per (event, subscription), so that a pass that
 * crashes half-way and runs again never creates a second. Tenants with subscriptions are listed in
 * the platform table {@code webhook_subscribers}; each is dispatched in its own tenant transaction
 * (row-level security applies as everywhere), with its cursor in {@code webhook_dispatch_cursors}.
 * Besides the events after the cursor, each pass reads again the events of the last
 * {@code tillbridge.webhooks.dispatch-rescan} (default 2 minutes): an event whose transaction
 * committed after one with a higher seq is not skipped.
 */
@Singleton
public class WebhookDispatcher {

    static final int EVENTS_PER_TRANSACTION = 500;
    private static final int TENANT_PAGE = 500;

    private final TenantTransactions transactions;
    private final OutboundSettings settings;
    private final Clock clock;

    public WebhookDispatcher(TenantTransactions transactions, OutboundSettings settings, Clock clock) {
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** One pass over every subscribing tenant; answers how many deliveries it created. */
    public int dispatch() {
        int created = 0;
        UUID after = null;
        List<UUID> page;
        do {
            UUID from = after;
            page = transactions.withoutTenant(c -> DeliveryQueue.subscribers(c, from, TENANT_PAGE));
            for (UUID tenant : page) {
                created += dispatch(new TenantId(tenant));
                after = tenant;
            }
        } while (page.size() == TENANT_PAGE);
        return created;
    }

    /** Dispatches the tenant's new events, a batch per transaction; answers how many deliveries it created. */
    public int dispatch(TenantId tenant) {
        int created = transactions.write(tenant, c -> {
            long cursor = DeliveryRows.cursor(c).orElse(0L);
            Instant now = clock.instant();
            int made = 0;
            for (DeliveryRows.Event event : DeliveryRows.recentUndelivered(c, cursor,
                    now.minus(settings.dispatchRescan()), EVENTS_PER_TRANSACTION)) {
                made += DeliveryRows.dispatch(c, tenant.value(), event.id(), now);
            }
            return made;
        });
        int read;
        do {
            int[] batch = transactions.write(tenant, c -> {
                long cursor = DeliveryRows.cursor(c).orElse(0L);
                Instant now = clock.instant();
                List<DeliveryRows.Event> events = DeliveryRows.events(c, cursor, EVENTS_PER_TRANSACTION);
                int made = 0;
                long newest = cursor;
                for (DeliveryRows.Event event : events) {
                    made += DeliveryRows.dispatch(c, tenant.value(), event.id(), now);
                    newest = Math.max(newest, event.seq());
                }
                DeliveryRows.moveCursor(c, tenant.value(), newest);
                return new int[] {made, events.size()};
            });
            created += batch[0];
            read = batch[1];
        } while (read == EVENTS_PER_TRANSACTION);
        return created;
    }
}
