package io.tillbridge.vendorhooks.bench;

import io.tillbridge.access.TenantScope;
import io.tillbridge.bench.BenchPlatform;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.WarehouseSandbox;
import io.tillbridge.vendorhooks.VendorHookService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Benchmark G12 (BENCHMARKS.md), on demand only: freshness from the moment a Square sandbox
 * takes a new order and sends its webhook to the moment the order's row is in the tenant's
 * warehouse table. One process runs the API (the vendor webhook routes) and the worker role with
 * their defaults, against a database of its own; {@code -Dg12.tenants} tenants (default 50) each
 * have their own Square sandbox (a separate merchant), a Square connection whose webhook
 * subscription the platform registered on connect, a warehouse schema (reached through a loopback
 * forwarder, as a separate warehouse server) and one live integration {@code orders} to it. Then,
 * {@code -Dg12.rate} times a second (default 10), a random tenant's sandbox moves two minutes on:
 * the orders that became visible (its webhooks go out as they do) are timed from that moment until
 * their row is in the warehouse, until {@code -Dg12.changes} orders (default 1,000) are timed.
 */
public final class G12Freshness {

    private record Tenant(TenantId id, SquareSandbox square, WarehouseSandbox warehouse, UUID integration) {
    }

    /** A change on its way: the order's id, and the key its run writes under (either may be the row's id). */
    private record Pending(Tenant tenant, String orderId, String key, long startedNanos) {
    }

    private G12Freshness() {
    }

    public static void main(String[] args) throws Exception {
        int tenantCount = Integer.getInteger("g12.tenants", 50);
        int changes = Integer.getInteger("g12.changes", 1_000);
        double rate = Double.parseDouble(System.getProperty("g12.rate", "10"));
        Map<String, Object> settings = new HashMap<>();
        if (System.getProperty("g12.threads") != null) {
            settings.put("tillbridge.worker.threads", System.getProperty("g12.threads"));
        }
        if (System.getProperty("g12.poll-interval") != null) {
            settings.put("tillbridge.worker.poll-interval", System.getProperty("g12.poll-interval"));
        }
        List<Tenant> tenants = new ArrayList<>();
        try (BenchPlatform platform = BenchPlatform.start("g12", settings)) {
            try {
                for (int i = 0; i < tenantCount; i++) {
                    tenants.add(tenant(platform, i));
                }
                System.out.printf("G12: %d tenants ready (worker threads %s, poll interval %s)%n", tenants.size(),
                        platform.setting("tillbridge.worker.threads", "4 (default)"),
                        platform.setting("tillbridge.worker.poll-interval", "1s (default)"));
                // Let the first full reads finish so that only webhook runs remain.
                Thread.sleep(Long.getLong("g12.settle-ms", 20_000));
                measure(tenants, changes, rate, platform.admin());
                try (Connection c = platform.admin().connect(); PreparedStatement ps = c.prepareStatement(
                        "SELECT trigger, count(*) FROM runs GROUP BY trigger ORDER BY trigger");
                        java.sql.ResultSet rs = ps.executeQuery()) {
                    StringBuilder runs = new StringBuilder("G12: runs by trigger:");
                    while (rs.next()) {
                        runs.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
                    }
                    System.out.println(runs);
                }
            } finally {
                tenants.forEach(tenant -> tenant.square().close());
            }
        }
    }

    private static Tenant tenant(BenchPlatform platform, int index) throws Exception {
        TenantScope scope = platform.tenant(index);
        SquareSandbox square = SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(1_000L + index)
                .withOrders(20, Duration.ofDays(1)).withOrdersPerHour(20));
        WarehouseSandbox warehouse = platform.warehouse();
        UUID source = platform.connection(scope, "square", "Square",
                Map.of("baseUrl", square.baseUri().toString(), "accessToken", square.issueToken()));
        UUID target = platform.connection(scope, "postgres-warehouse", "Warehouse", warehouse.targetConfig(30));
        platform.bean(VendorHookService.class).subscribe(scope, source);
        IntegrationService integrations = platform.bean(IntegrationService.class);
        UUID integration = integrations.create(scope, new IntegrationDraft("Orders", source, "orders", target,
                "orders", "live", null)).id();
        integrations.runNow(scope, integration);
        return new Tenant(scope.tenant(), square, warehouse, integration);
    }

    private static void measure(List<Tenant> tenants, int changes, double rate, JdbcTarget warehouseAdmin)
            throws Exception {
        Random random = new Random(12);
        ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        List<Long> delays = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread watcher = new Thread(() -> watch(pending, delays, warehouseAdmin), "g12-watcher");
        watcher.setDaemon(true);
        watcher.start();
        long interval = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        int made = 0;
        while (made < changes) {
            Tenant tenant = tenants.get(random.nextInt(tenants.size()));
            Set<String> before = new HashSet<>(tenant.square().data().orderIds());
            long started = System.nanoTime();
            // Two sandbox minutes: new sales become visible and their webhooks go out, in order.
            tenant.square().advance(Duration.ofMinutes(2));
            for (String orderId : tenant.square().data().orderIds()) {
                if (!before.contains(orderId) && made < changes) {
                    pending.add(new Pending(tenant, orderId, Ledger.idempotencyKey(tenant.id(),
                            tenant.integration(), orderId), started));
                    made++;
                }
            }
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> sorted = new ArrayList<>(delays);
        sorted.sort(Long::compare);
        System.out.printf("G12: %d changes made, %d reached the warehouse, %d not within 120 s after the last%n",
                changes, sorted.size(), pending.size());
        if (!sorted.isEmpty()) {
            System.out.printf("G12: freshness p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (%s)%n",
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1) / 1e6, LocalDate.now());
        }
    }

    /**
     * Every 20 ms, looks up the pending orders of each tenant in its warehouse table, over one
     * connection held for the whole measurement, so that the harness costs the machine it shares
     * little (no connection per look, no full table read).
     */
    private static void watch(ConcurrentLinkedQueue<Pending> pending, List<Long> delays, JdbcTarget warehouseAdmin) {
        try (Connection c = warehouseAdmin.connect()) {
            c.setAutoCommit(true);
            while (true) {
                Map<Tenant, List<Pending>> byTenant = new HashMap<>();
                for (Pending change : pending) {
                    byTenant.computeIfAbsent(change.tenant(), t -> new ArrayList<>()).add(change);
                }
                for (Map.Entry<Tenant, List<Pending>> tenant : byTenant.entrySet()) {
                    Set<String> present;
                    try {
                        present = present(c, tenant.getKey().warehouse().schema(), tenant.getValue());
                    } catch (java.sql.SQLException e) {
                        System.err.println("G12 watcher: " + e);
                        continue;
                    }
                    for (Pending change : tenant.getValue()) {
                        if ((present.contains(change.key()) || present.contains(change.orderId())) && pending.remove(change)) {
                            delays.add(System.nanoTime() - change.startedNanos());
                        }
                    }
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("G12 watcher: " + e);
        }
    }

    /** Which of {@code changes} have a row in the schema's orders table (none while it does not exist). */
    private static Set<String> present(Connection c, String schema, List<Pending> changes) throws java.sql.SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, schema + ".orders");
            try (java.sql.ResultSet rs = exists.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return Set.of();
                }
            }
        }
        List<String> ids = new ArrayList<>();
        changes.forEach(p -> {
            ids.add(p.orderId());
            ids.add(p.key());
        });
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id::text, _key::text FROM " + schema
                + ".orders WHERE id::text = ANY(?) OR _key::text = ANY(?)")) {
            java.sql.Array array = c.createArrayOf("text", ids.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                    present.add(rs.getString(2));
                }
            }
        }
        return present;
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
