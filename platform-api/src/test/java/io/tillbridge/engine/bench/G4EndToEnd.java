package io.tillbridge.engine.bench;

import io.tillbridge.bench.BenchPlatform;
import io.tillbridge.bench.ResourceMeter;
import io.tillbridge.bench.SandboxFarm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Benchmark G4 (BENCHMARKS.md), on demand only: one tenant's Square orders end to end, from a
 * Square sandbox with no added latency through the canonical order mapping into a warehouse table,
 * by the platform's own run worker (a manual run queued and claimed as any run is). The sandbox
 * ({@code -Dg4.orders}, default 200,000 orders) runs in a JVM of its own ({@link SandboxFarm}), so
 * that its CPU time is counted apart. Measured from the run's start to its end (the times the
 * worker wrote on the run): orders/s; the CPU time per 1,000 orders of this JVM (the platform, and
 * apart the loopback forwarder that stands for the network to the warehouse), of the platform's
 * PostgreSQL sessions, of the warehouse's sessions and of the sandbox's JVM; the heap's peak and the
 * largest heap left after a collection. Then the same-run ceiling: the rows the warehouse got,
 * loaded by one raw pgjdbc {@code COPY ... FROM STDIN (FORMAT binary)} into an identical empty
 * table over the same loopback path, rows/s (median of 3).
 *
 * <p>A warm-up run of {@code -Dg4.warmup-orders} (default 20,000) from a second sandbox, on another
 * tenant, comes first, so that the measured run is not the JIT's first contact with the code.
 * {@code -Dg4.page-size} (default 1,000, Square's largest) is the connection's orders per page, and
 * {@code -Dg4.quota-per-second} (default 1,000; 0 for the platform's Square quota of 10 requests a
 * second) the provider quota, which would otherwise cap the run at 10 pages a second.
 */
public final class G4EndToEnd {

    private G4EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("g4.orders", 200_000);
        int warmupOrders = Integer.getInteger("g4.warmup-orders", 20_000);
        int generated = Integer.getInteger("g4.generated", 2_000);
        int pageSize = Integer.getInteger("g4.page-size", 1_000);
        int quota = Integer.getInteger("g4.quota-per-second", 1_000);
        Map<String, Object> settings = new HashMap<>();
        settings.put("tillbridge.worker.poll-interval", "100ms");
        if (quota > 0) {
            settings.put("tillbridge.quotas.providers.square.per-second", quota);
            settings.put("tillbridge.quotas.providers.square.burst", quota);
        }
        SandboxFarm warmupFarm = warmupOrders > 0 ? SandboxFarm.start(spec(1, Math.min(generated, warmupOrders),
                warmupOrders, 2_000L)) : null;
        try (SandboxFarm farm = SandboxFarm.start(spec(1, Math.min(generated, orders), orders, 4_000L));
                BenchPlatform platform = BenchPlatform.start("g4", settings);
                ResourceMeter meter = new ResourceMeter("separate-server", platform.database(), platform.appRole())) {
            System.out.printf("G4: %,d orders in the sandbox (%s), pages of %d, Square quota %s, heap max %d MB%n",
                    orders, farm.sandboxes().get(0).baseUri(), pageSize,
                    quota > 0 ? quota + "/s" : "the platform's", Runtime.getRuntime().maxMemory() >> 20);
            if (warmupFarm != null) {
                OrdersIntegration warm = OrdersIntegration.create(platform, 0, warmupFarm.sandboxes().get(0), pageSize);
                RunRow run = await(platform, warm.runNow(platform));
                System.out.printf("G4: warm-up run %s: %,d orders written in %.1f s%n", run.status(), run.written(),
                        run.busy(Instant.now()).toMillis() / 1000.0);
                warmupFarm.close();
            }
            OrdersIntegration tenant = OrdersIntegration.create(platform, 1, farm.sandboxes().get(0), pageSize);
            System.gc();
            Duration sandboxBefore = farm.cpu();
            meter.start();
            RunRow run = await(platform, tenant.runNow(platform));
            ResourceMeter.Usage usage = meter.stop();
            Duration sandboxCpu = farm.cpu().minus(sandboxBefore);
            double throughput = report(run, usage, sandboxCpu);
            double ceiling = ceiling(tenant, run.written());
            System.out.printf("G4: %.3fx the COPY ceiling; goals: >= 20,000 orders/s (%s), >= 0.5x the ceiling (%s)%n",
                    throughput / ceiling, throughput >= 20_000 ? "met" : "missed",
                    throughput / ceiling >= 0.5 ? "met" : "missed");
        } finally {
            if (warmupFarm != null) {
                warmupFarm.close();
            }
        }
    }

    private static SandboxFarm.Spec spec(int count, int generated, int orders, long seed) {
        long heapMb = SandboxFarm.heapMegabytes(orders);
        return new SandboxFarm.Spec(count, generated, Math.max(0, orders - generated), Duration.ofDays(60), seed,
                Duration.ZERO, 0, null, heapMb + "m");
    }

    /** Waits until the run has ended; fails after an hour. */
    private static RunRow await(BenchPlatform platform, UUID runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
        try (Connection c = platform.admin().connect()) {
            c.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                List<RunRow> rows = RunRow.read(c, List.of(runId));
                if (!rows.isEmpty() && rows.get(0).ended()) {
                    return rows.get(0);
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the run " + runId + " did not end within an hour");
    }

    /** Prints the run's figures; answers its orders per second. */
    private static double report(RunRow run, ResourceMeter.Usage usage, Duration sandboxCpu) {
        if (!"succeeded".equals(run.status())) {
            throw new IllegalStateException("the run " + run.status() + ": " + run.error());
        }
        Duration busy = run.busy(run.finishedAt());
        double seconds = busy.toNanos() / 1e9;
        double perThousand = 1000.0 / Math.max(1, run.written());
        long platformJvm = usage.processCpu().minus(usage.namedThreadsCpu()).toMillis();
        long platformDb = usage.postgresRoleCpu().toMillis();
        System.out.printf("G4: run %s: %,d read, %,d written, %,d unchanged, %,d failed in %.2f s (queued to end"
                + " %.2f s, %d attempt(s))%n", run.status(), run.read(), run.written(), run.unchanged(), run.failed(),
                seconds, Duration.between(run.queuedAt(), run.finishedAt()).toMillis() / 1000.0, run.attempt());
        System.out.printf("G4: throughput %,.0f orders/s end to end (%s)%n", run.written() / seconds, LocalDate.now());
        System.out.printf("G4: CPU ms per 1,000 orders: platform %.1f (its JVM %.1f, of which the run's thread %.1f;"
                + " its PostgreSQL sessions %.1f); warehouse sessions %.1f; loopback forwarder %.1f; sandbox JVM %.1f;"
                + " all %.1f%n",
                (platformJvm + platformDb) * perThousand, platformJvm * perThousand, run.cpuMillis() * perThousand,
                platformDb * perThousand, usage.postgresOtherCpu().toMillis() * perThousand,
                usage.namedThreadsCpu().toMillis() * perThousand, sandboxCpu.toMillis() * perThousand,
                (usage.processCpu().toMillis() + platformDb + usage.postgresOtherCpu().toMillis() + sandboxCpu.toMillis())
                        * perThousand);
        System.out.printf("G4: cores busy over the run: platform JVM %.2f, platform sessions %.2f, warehouse sessions"
                + " %.2f, sandbox %.2f%n", platformJvm / 1000.0 / seconds, platformDb / 1000.0 / seconds,
                usage.postgresOtherCpu().toMillis() / 1000.0 / seconds, sandboxCpu.toMillis() / 1000.0 / seconds);
        System.out.printf("G4: heap peak %d MB (sum of the heap pools' peaks), largest heap after a collection %d MB%n",
                usage.heapPeakBytes() >> 20, usage.heapAfterGcPeakBytes() >> 20);
        return run.written() / seconds;
    }

    /**
     * The same-run ceiling: the rows the warehouse got, exported, then loaded by one raw binary COPY
     * into an identical empty table, over the same loopback path as the connector's, three times.
     */
    private static double ceiling(OrdersIntegration tenant, long expected) throws SQLException, java.io.IOException {
        String schema = tenant.warehouse().schema();
        try (Connection c = DriverManager.getConnection(tenant.warehouse().url(), schema,
                tenant.warehouse().password())) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            long exported = copy.copyOut("COPY " + schema + ".orders TO STDOUT (FORMAT binary)", rows);
            if (exported != expected) {
                throw new IllegalStateException("the warehouse holds " + exported + " rows, the run wrote " + expected);
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + schema + ".orders_ceiling (LIKE " + schema + ".orders INCLUDING ALL)");
            }
            c.commit();
            byte[] data = rows.toByteArray();
            List<Double> rates = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                try (Statement s = c.createStatement()) {
                    s.execute("TRUNCATE " + schema + ".orders_ceiling");
                }
                c.commit();
                long start = System.nanoTime();
                long loaded = copy.copyIn("COPY " + schema + ".orders_ceiling FROM STDIN (FORMAT binary)",
                        new ByteArrayInputStream(data));
                c.commit();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (loaded != exported) {
                    throw new IllegalStateException("COPY loaded " + loaded + " of " + exported + " rows");
                }
                rates.add(loaded / seconds);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM " + schema + ".orders_ceiling")) {
                rs.next();
                if (rs.getLong(1) != exported) {
                    throw new IllegalStateException("the ceiling table holds " + rs.getLong(1) + " rows");
                }
            }
            List<Double> sorted = new ArrayList<>(rates);
            sorted.sort(Double::compare);
            System.out.printf("G4: ceiling: raw COPY of the same %,d rows (%,d bytes, binary) into an identical empty"
                    + " table: %,.0f rows/s (median of 3; %,.0f-%,.0f)%n", exported, data.length, sorted.get(1),
                    sorted.get(0), sorted.get(2));
            return sorted.get(1);
        }
    }
}
