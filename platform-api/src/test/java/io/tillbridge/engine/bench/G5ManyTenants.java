package io.tillbridge.engine.bench;

import io.tillbridge.bench.BenchPlatform;
import io.tillbridge.bench.ResourceMeter;
import io.tillbridge.bench.SandboxFarm;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/**
 * Benchmark G5 (BENCHMARKS.md), on demand only: many tenants syncing at once from slow, busy
 * vendors. {@code -Dg5.tenants} tenants (default 50) each have a Square sandbox of their own (a
 * merchant with {@code -Dg5.orders} orders, default 2,000), answering every request after
 * {@code -Dg5.latency-ms} (default 100) and a share {@code -Dg5.rate-limit-share} (default 0.05) of
 * them with 429 and {@code Retry-After: 1}; the sandboxes run in a JVM of their own
 * ({@link SandboxFarm}). Each tenant has a warehouse schema and a live integration of
 * {@code pos.orders} through the canonical order mapping, pages of {@code -Dg5.page-size} (default
 * 100). The worker runs as many runs at once as there are tenants, with the platform's Square quota
 * (10 requests a second per merchant).
 *
 * <p>First one more tenant of the same shape syncs alone: its pace, the vendor's latency and 429s
 * with the platform to itself, is the same-run baseline. Then every tenant's run is queued at
 * once, and until the last has ended the harness reads every run's committed counts each second,
 * and once the heap after a full collection. It prints: the CPU
 * time of the platform (its JVM, less the loopback forwarders of the warehouses, plus its
 * PostgreSQL sessions) per active run as a share of a core over the busy period, the heap's peak,
 * each tenant's time to start, time to finish and orders per second (min, median, max; the spread
 * is max/min of the time to finish), the least and most progress at the moment half the busy
 * period had passed, and whether any run failed.
 */
public final class G5ManyTenants {

    private G5ManyTenants() {
    }

    public static void main(String[] args) throws Exception {
        int tenants = Integer.getInteger("g5.tenants", 50);
        int orders = Integer.getInteger("g5.orders", 2_000);
        int pageSize = Integer.getInteger("g5.page-size", 100);
        Duration latency = Duration.ofMillis(Long.getLong("g5.latency-ms", 100L));
        double share = Double.parseDouble(System.getProperty("g5.rate-limit-share", "0.05"));
        int pool = Integer.getInteger("g5.pool", 20);
        Map<String, Object> settings = new HashMap<>();
        settings.put("tillbridge.worker.threads", tenants);
        settings.put("tillbridge.worker.max-runs-per-poll", 10);
        settings.put("tillbridge.worker.poll-interval", "200ms");
        settings.put("datasources.default.maximum-pool-size", pool);
        int generated = Math.min(orders, 300);
        SandboxFarm.Spec spec = new SandboxFarm.Spec(tenants + 1, generated, orders - generated, Duration.ofDays(30),
                5_000L, latency, share, Duration.ofSeconds(1), SandboxFarm.heapMegabytes((tenants + 1) * (long) orders) + "m");
        SandboxFarm farm = SandboxFarm.start(spec);
        try (BenchPlatform platform = BenchPlatform.start("g5", settings);
                ResourceMeter meter = new ResourceMeter("separate-server", platform.database(), platform.appRole())) {
            List<OrdersIntegration> all = new ArrayList<>();
            for (int i = 0; i <= tenants; i++) {
                all.add(OrdersIntegration.create(platform, i, farm.sandboxes().get(i), pageSize));
            }
            System.out.printf("G5: %d tenants of %,d orders, latency %d ms, %.0f%% answered 429 (Retry-After 1 s),"
                    + " pages of %d, %d worker threads, pool of %d, heap max %d MB%n", tenants, orders,
                    latency.toMillis(), share * 100, pageSize, tenants, pool, Runtime.getRuntime().maxMemory() >> 20);

            RunRow solo = await(platform, List.of(all.get(tenants).runNow(platform)), new Watch(), Duration.ZERO).get(0);
            double soloRate = solo.written() / seconds(solo.busy(solo.finishedAt()));
            System.out.printf("G5: alone: %s, %,d orders in %.1f s: %,.0f orders/s (one tenant with the platform to"
                    + " itself: the baseline)%n", solo.status(),
                    solo.written(), seconds(solo.busy(solo.finishedAt())), soloRate);

            System.gc();
            Duration farmBefore = farm.cpu();
            meter.start();
            Instant queued = Instant.now();
            List<UUID> runs = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                runs.add(all.get(i).runNow(platform));
            }
            Watch watch = new Watch();
            // The live heap once the runs are under way: about when the lone tenant had finished.
            List<RunRow> ended = await(platform, runs, watch, solo.busy(solo.finishedAt()));
            ResourceMeter.Usage usage = meter.stop();
            Duration farmCpu = farm.cpu().minus(farmBefore);
            report(ended, watch, usage, queued, soloRate, farmCpu);
        } finally {
            farm.close();
            System.out.printf("G5: the sandboxes answered %,d requests with 429%n", farm.rateLimitedAnswers());
        }
    }

    /** What the harness saw while the runs ran: each run's committed reads each second, and the pool's queue. */
    private static final class Watch {
        final Map<UUID, List<long[]>> progress = new LinkedHashMap<>();
        final List<Integer> poolWaiters = new ArrayList<>();
        long liveHeap = -1;
        double liveHeapAt;
        int runningAtLiveHeap;
    }

    /**
     * Waits until every run has ended, noting each run's committed reads every second ({@code [millis,
     * read]}) and how many threads wait for a connection of the platform's pool; once
     * {@code liveHeapAfter} has passed (if positive), notes the heap left by a full collection.
     */
    private static List<RunRow> await(BenchPlatform platform, List<UUID> runs, Watch watch, Duration liveHeapAfter)
            throws Exception {
        HikariPoolMXBean pool = platform.bean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean();
        long start = System.nanoTime();
        long deadline = start + Duration.ofHours(1).toNanos();
        try (Connection c = platform.admin().connect()) {
            c.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                List<RunRow> rows = RunRow.read(c, runs);
                long at = (System.nanoTime() - start) / 1_000_000;
                rows.forEach(r -> watch.progress.computeIfAbsent(r.id(), k -> new ArrayList<>())
                        .add(new long[] {at, r.read()}));
                watch.poolWaiters.add(pool.getThreadsAwaitingConnection());
                if (rows.size() == runs.size() && rows.stream().allMatch(RunRow::ended)) {
                    return rows;
                }
                if (watch.liveHeap < 0 && !liveHeapAfter.isZero() && at >= liveHeapAfter.toMillis()) {
                    watch.runningAtLiveHeap = (int) rows.stream().filter(r -> "running".equals(r.status())).count();
                    watch.liveHeap = ResourceMeter.liveHeapNow();
                    watch.liveHeapAt = at / 1000.0;
                }
                Thread.sleep(1_000);
            }
        }
        throw new IllegalStateException("the runs did not end within an hour");
    }

    private static void report(List<RunRow> runs, Watch watch, ResourceMeter.Usage usage, Instant queued,
            double soloRate, Duration farmCpu) {
        Map<UUID, List<long[]>> progress = watch.progress;
        Instant last = runs.stream().map(RunRow::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
        double busy = seconds(Duration.between(queued, last));
        double activeRuns = runs.stream().mapToDouble(r -> seconds(r.busy(last))).sum() / busy;
        double platformCpu = seconds(usage.processCpu().minus(usage.namedThreadsCpu())) + seconds(usage.postgresRoleCpu());
        long failed = runs.stream().filter(r -> !"succeeded".equals(r.status())).count();
        long written = runs.stream().mapToLong(RunRow::written).sum();
        System.out.printf("G5: %d runs, %d succeeded, %d not (%s); %,d orders written in %.1f s (%,.0f orders/s"
                + " together) (%s)%n", runs.size(), runs.size() - failed, failed, failed == 0 ? "none failed"
                : runs.stream().filter(r -> !"succeeded".equals(r.status())).map(r -> r.status() + ": " + r.error())
                        .distinct().toList(), written, busy, written / busy, LocalDate.now());
        System.out.printf("G5: platform CPU per active run: %.1f%% of a core (platform JVM %.1f s, of which the runs'"
                + " threads %.1f s; its PostgreSQL sessions %.1f s; %.1f runs active on average over %.1f s); the"
                + " warehouses' sessions %.1f s, the loopback forwarders %.1f s%n",
                100 * platformCpu / busy / activeRuns, seconds(usage.processCpu().minus(usage.namedThreadsCpu())),
                runs.stream().mapToLong(RunRow::cpuMillis).sum() / 1000.0, seconds(usage.postgresRoleCpu()), activeRuns,
                busy, seconds(usage.postgresOtherCpu()), seconds(usage.namedThreadsCpu()));
        System.out.printf("G5: cores busy over the busy period: platform %.2f (JVM %.2f, PostgreSQL sessions %.2f),"
                + " warehouses' sessions %.2f, sandboxes' JVM %.2f; threads waiting for a pooled connection: mean %.1f,"
                + " max %d%n", platformCpu / busy, seconds(usage.processCpu().minus(usage.namedThreadsCpu())) / busy,
                seconds(usage.postgresRoleCpu()) / busy, seconds(usage.postgresOtherCpu()) / busy,
                seconds(farmCpu) / busy, watch.poolWaiters.stream().mapToInt(Integer::intValue).average().orElse(0),
                watch.poolWaiters.stream().mapToInt(Integer::intValue).max().orElse(0));
        System.out.printf("G5: heap peak %d MB (sum of the heap pools' peaks), largest heap after a collection %d MB,"
                + " live heap after a full collection at %.0f s with %d runs running: %d MB; collectors' time %.1f s%n",
                usage.heapPeakBytes() >> 20, usage.heapAfterGcPeakBytes() >> 20, watch.liveHeapAt,
                watch.runningAtLiveHeap, watch.liveHeap >> 20, seconds(usage.gcTime()));
        spread("time to start (s)", runs, r -> seconds(Duration.between(queued, r.startedAt())));
        List<Double> finish = spread("time to finish (s)", runs, r -> seconds(Duration.between(queued, r.finishedAt())));
        List<Double> rates = spread("orders/s while running", runs, r -> r.written() / seconds(r.busy(r.finishedAt())));
        System.out.printf("G5: spread of the time to finish (max/min) %.2f; median rate %.2fx the tenant alone (%,.0f"
                + " orders/s)%n", finish.get(finish.size() - 1) / finish.get(0), rates.get(rates.size() / 2) / soloRate,
                soloRate);
        List<Double> firstPage = new ArrayList<>();
        for (RunRow r : runs) {
            progress.getOrDefault(r.id(), List.of()).stream().filter(sample -> sample[1] > 0).findFirst()
                    .ifPresent(sample -> firstPage.add(sample[0] / 1000.0));
        }
        firstPage.sort(Double::compare);
        if (!firstPage.isEmpty()) {
            System.out.printf("G5: time to the first committed page (s, to the second): min %.0f, median %.0f, max %.0f%n",
                    firstPage.get(0), firstPage.get(firstPage.size() / 2), firstPage.get(firstPage.size() - 1));
        }
        long half = (long) (busy * 500);
        List<Double> done = new ArrayList<>();
        for (RunRow r : runs) {
            long read = 0;
            for (long[] sample : progress.getOrDefault(r.id(), List.of())) {
                if (sample[0] <= half) {
                    read = sample[1];
                }
            }
            done.add(100.0 * read / Math.max(1, r.read()));
        }
        done.sort(Double::compare);
        System.out.printf("G5: progress at half the busy period (%.0f s): least %.0f%%, median %.0f%%, most %.0f%% of"
                + " each tenant's orders; tenants with none: %d%n", half / 1000.0, done.get(0),
                done.get(done.size() / 2), done.get(done.size() - 1), done.stream().filter(d -> d == 0).count());
    }

    /** Prints min, median and max of {@code value} over the runs; answers the sorted values. */
    private static List<Double> spread(String what, List<RunRow> runs, ToDoubleFunction<RunRow> value) {
        List<Double> values = new ArrayList<>(runs.stream().map(value::applyAsDouble).toList());
        values.sort(Double::compare);
        System.out.printf("G5: %s: min %.1f, median %.1f, max %.1f%n", what, values.get(0),
                values.get(values.size() / 2), values.get(values.size() - 1));
        return values;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
