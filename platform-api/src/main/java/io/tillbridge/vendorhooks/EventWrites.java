package io.tillbridge.vendorhooks;

import io.tillbridge.storage.StorageQuota;
import io.tillbridge.storage.StorageQuotaExceededException;
import io.tillbridge.storage.StorageUsage;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.vendorhooks.internal.VendorHookRows;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores the events of concurrent deliveries in shared transactions, in the manner of a group
 * commit (DD-028): a delivery hands its events over and waits; one waiting thread at a time
 * ({@value #MAX_WRITERS}) takes every waiting delivery (up to {@value #MAX_BATCH}) and writes them per
 * tenant in one transaction and one statement ({@link VendorHookRows#insertEvents}). Each delivery returns only after the transaction
 * with its events committed, so its 2xx still follows its commit. An event named twice in one batch
 * (the same delivery sent at once) is stored once, by the first delivery that names it. A tenant at
 * its storage cap (as of the transaction's start) stores nothing new: a delivery with new events
 * fails with 507. When a shared transaction fails, its deliveries are written again one by one, so
 * that one delivery's failure (a connection deleted meanwhile, the cap) is that delivery's alone.
 */
@Singleton
class EventWrites {

    /** The most deliveries one transaction takes. */
    static final int MAX_BATCH = 64;
    /**
     * How many shared transactions may be under way at once. One: with two, G7's throughput fell
     * from about 2,600 to 1,900 events/s (two transactions of one tenant meet at its storage tally
     * row, where the second waits for the first to commit).
     */
    static final int MAX_WRITERS = 1;

    /**
     * What became of a delivery's events.
     *
     * @param stored the events stored now, in the delivery's order
     * @param duplicates how many were stored before (redeliveries)
     */
    record Outcome(List<VendorHookRows.NewEvent> stored, int duplicates) {
    }

    private static final class Entry {
        final TenantId tenant;
        final List<VendorHookRows.NewEvent> events;
        boolean taken;
        boolean done;
        Outcome outcome;
        RuntimeException failure;

        Entry(TenantId tenant, List<VendorHookRows.NewEvent> events) {
            this.tenant = tenant;
            this.events = events;
        }
    }

    private final TenantTransactions transactions;
    private final VendorHookRows rows;
    private final StorageQuota storage;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private int writers;

    EventWrites(TenantTransactions transactions, VendorHookRows rows, StorageQuota storage) {
        this.transactions = transactions;
        this.rows = rows;
        this.storage = storage;
    }

    /**
     * Stores {@code events} of {@code tenant} in a transaction shared with other deliveries and
     * returns once it committed.
     *
     * @throws StorageQuotaExceededException when the tenant is at its cap and the delivery has new events
     * @throws RuntimeException what the transaction (or the delivery's own retry) failed with
     */
    Outcome store(TenantId tenant, List<VendorHookRows.NewEvent> events) {
        Entry mine = new Entry(tenant, List.copyOf(events));
        synchronized (this) {
            queue.add(mine);
        }
        while (true) {
            List<Entry> batch = new ArrayList<>();
            synchronized (this) {
                // Wait while another writer has this delivery, or while every writer is busy.
                while (!mine.done && (mine.taken || writers >= MAX_WRITERS)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the delivery waited to be stored", e);
                    }
                }
                if (mine.done) {
                    break;
                }
                writers++;
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    Entry next = queue.poll();
                    next.taken = true;
                    batch.add(next);
                }
            }
            try {
                write(batch);
            } finally {
                synchronized (this) {
                    writers--;
                    notifyAll();
                }
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.outcome;
    }

    private void write(List<Entry> batch) {
        Map<TenantId, List<Entry>> byTenant = new LinkedHashMap<>();
        batch.forEach(e -> byTenant.computeIfAbsent(e.tenant, t -> new ArrayList<>()).add(e));
        for (Map.Entry<TenantId, List<Entry>> group : byTenant.entrySet()) {
            Attempt attempt = attempt(group.getKey(), group.getValue());
            if (attempt.failure == null) {
                finish(group.getValue(), attempt.outcomes, null);
            } else if (group.getValue().size() == 1) {
                finish(group.getValue(), null, attempt.failure);
            } else {
                for (Entry entry : group.getValue()) {
                    Attempt alone = attempt(group.getKey(), List.of(entry));
                    finish(List.of(entry), alone.outcomes, alone.failure);
                }
            }
        }
    }

    private record Attempt(Map<Entry, Outcome> outcomes, RuntimeException failure) {
    }

    private Attempt attempt(TenantId tenant, List<Entry> entries) {
        // Each event once, for the first delivery that names it.
        Map<VendorHookRows.EventKey, Entry> owner = new HashMap<>();
        List<VendorHookRows.NewEvent> distinct = new ArrayList<>();
        for (Entry entry : entries) {
            for (VendorHookRows.NewEvent event : entry.events) {
                if (owner.putIfAbsent(event.key(), entry) == null) {
                    distinct.add(event);
                }
            }
        }
        try {
            Map<Entry, Outcome> outcomes = transactions.write(tenant, c -> {
                StorageUsage usage = storage.usage(c, tenant);
                Set<VendorHookRows.EventKey> stored = rows.insertEvents(c, tenant, distinct);
                Map<Entry, Outcome> out = new HashMap<>();
                for (Entry entry : entries) {
                    List<VendorHookRows.NewEvent> mine = new ArrayList<>();
                    int duplicates = 0;
                    java.util.Set<VendorHookRows.EventKey> seen = new java.util.HashSet<>();
                    for (VendorHookRows.NewEvent event : entry.events) {
                        if (seen.add(event.key()) && owner.get(event.key()) == entry && stored.contains(event.key())) {
                            mine.add(event);
                        } else {
                            duplicates++;
                        }
                    }
                    if (!mine.isEmpty() && usage.exceeded()) {
                        // As the generic endpoint does (DD-021): 507, and the inserts roll back with the
                        // transaction, so the vendor redelivers later; a redelivery of stored events is
                        // still answered.
                        throw new StorageQuotaExceededException(usage);
                    }
                    out.put(entry, new Outcome(List.copyOf(mine), duplicates));
                }
                return out;
            });
            return new Attempt(outcomes, null);
        } catch (RuntimeException e) {
            return new Attempt(null, e);
        }
    }

    private synchronized void finish(List<Entry> entries, Map<Entry, Outcome> outcomes, RuntimeException failure) {
        for (Entry entry : entries) {
            entry.outcome = outcomes == null ? null : outcomes.get(entry);
            entry.failure = failure;
            entry.done = true;
        }
    }
}
