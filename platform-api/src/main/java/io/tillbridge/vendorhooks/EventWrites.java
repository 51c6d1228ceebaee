package io.tillbridge.vendorhooks;

import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the events of concurrent deliveries in shared transactions, in the manner of a group
 * commit (DD-028): a delivery hands its inserts over and waits; one thread at a time takes every
 * waiting delivery (up to {@value #MAX_BATCH}) and writes them in one transaction per tenant. Each
 * delivery returns only after the transaction with its events committed, so its 2xx still follows
 * its commit. When a shared transaction fails, its deliveries are written again one by one, so that
 * one delivery's failure (a connection deleted meanwhile) is that delivery's alone.
 */
@Singleton
class EventWrites {

    /** The most deliveries one transaction takes. */
    static final int MAX_BATCH = 64;

    /** One delivery's inserts, run inside the shared transaction. */
    @FunctionalInterface
    interface Work {
        void run(Connection c) throws SQLException;
    }

    private static final class Entry {
        final TenantId tenant;
        final Runnable reset;
        final Work work;
        boolean done;
        RuntimeException failure;

        Entry(TenantId tenant, Runnable reset, Work work) {
            this.tenant = tenant;
            this.reset = reset;
            this.work = work;
        }
    }

    private final TenantTransactions transactions;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private boolean writing;

    EventWrites(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Runs {@code work} in a transaction of {@code tenant} shared with other deliveries and returns
     * once it committed; {@code reset} clears what {@code work} reports before each attempt.
     *
     * @throws RuntimeException what the transaction (or the delivery's own retry) failed with
     */
    void store(TenantId tenant, Runnable reset, Work work) {
        Entry mine = new Entry(tenant, reset, work);
        synchronized (this) {
            queue.add(mine);
        }
        while (true) {
            List<Entry> batch = new ArrayList<>();
            synchronized (this) {
                while (!mine.done && writing) {
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
                writing = true;
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            }
            try {
                write(batch);
            } finally {
                synchronized (this) {
                    writing = false;
                    notifyAll();
                }
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void write(List<Entry> batch) {
        Map<TenantId, List<Entry>> byTenant = new LinkedHashMap<>();
        batch.forEach(e -> byTenant.computeIfAbsent(e.tenant, t -> new ArrayList<>()).add(e));
        for (Map.Entry<TenantId, List<Entry>> group : byTenant.entrySet()) {
            RuntimeException failure = attempt(group.getKey(), group.getValue());
            if (failure == null) {
                finish(group.getValue(), null);
            } else if (group.getValue().size() == 1) {
                finish(group.getValue(), failure);
            } else {
                for (Entry entry : group.getValue()) {
                    finish(List.of(entry), attempt(group.getKey(), List.of(entry)));
                }
            }
        }
    }

    private RuntimeException attempt(TenantId tenant, List<Entry> entries) {
        try {
            entries.forEach(e -> e.reset.run());
            transactions.write(tenant, c -> {
                for (Entry entry : entries) {
                    entry.work.run(c);
                }
                return null;
            });
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private synchronized void finish(List<Entry> entries, RuntimeException failure) {
        for (Entry entry : entries) {
            entry.failure = failure;
            entry.done = true;
        }
    }
}
