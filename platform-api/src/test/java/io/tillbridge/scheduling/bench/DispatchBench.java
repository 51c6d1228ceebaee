package io.tillbridge.scheduling.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.Platform;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.tenants.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Benchmark G6 (BENCHMARKS.md), on demand only ({@code -Pbench}): trivial runs through the run
 * queue (enqueue, claim by several claimer threads, finish) against one clustered Quartz job per
 * run (scheduleJob with a now-trigger, executed by as many Quartz threads), on the same database,
 * in the same JVM, with the same number of runs. Each design is measured twice: a burst (all runs
 * triggered at once: runs per minute until the last one started and finished) and a paced load
 * (runs triggered at a steady rate: trigger-to-start latency). Trigger-to-start is the claim time
 * (dispatcher) or the job's execution time (Quartz) minus the time the trigger call began.
 */
public final class DispatchBench {

    private static final int RUNS = Integer.getInteger("bench.runs", 2000);
    private static final int PACED_RUNS = Integer.getInteger("bench.paced-runs", 1200);
    private static final int RATE_PER_MINUTE = Integer.getInteger("bench.rate", 2400);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int CLAIM_BATCH = Integer.getInteger("bench.claim-batch", 10);
    private static final int TENANTS = Integer.getInteger("bench.tenants", 50);
    private static final long IDLE_POLL_MILLIS = Long.getLong("bench.idle-poll-ms", 20);
    private static final int WARM_UP = 200;

    private DispatchBench() {
    }

    /** What one measured pass gave. */
    record Result(String design, String mode, int runs, double seconds, long[] latencies) {

        double perMinute() {
            return runs / seconds * 60;
        }

        long percentile(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format("%-10s %-6s runs=%d time=%.2fs throughput=%.0f runs/min trigger-to-start p50=%d ms"
                    + " p99=%d ms max=%d ms", design, mode, runs, seconds, perMinute(), percentile(0.5),
                    percentile(0.99), percentile(1.0));
        }
    }

    /** One tenant's integration that runs are queued for. */
    record Target(TenantId tenant, UUID integration) {
    }

    public static void main(String[] args) throws Exception {
        JdbcTarget app = TestDatabase.shared().app();
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", app.url());
        properties.put("datasources.default.username", app.user());
        properties.put("datasources.default.password", app.password());
        properties.put("datasources.default.maximum-pool-size", THREADS * 2 + 6);
        properties.put(Platform.JWT_SECRET_PROPERTY, TestDatabaseProperties.TEST_JWT_SECRET);
        properties.put("tillbridge.secrets.kek", TestDatabaseProperties.TEST_KEK);
        properties.put("tillbridge.worker.polling", "false");
        properties.put("tillbridge.scheduler.auto-start", "false");
        properties.put("tillbridge.roles.api", "false");
        // The test database of this JVM is dropped when the JVM exits.
        System.out.printf("G6 dispatch benchmark: %d runs per burst, %d paced at %d/min, %d threads, %d tenants%n",
                RUNS, PACED_RUNS, RATE_PER_MINUTE, THREADS, TENANTS);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            RunCommands commands = context.getBean(RunCommands.class);
            RunLeases queue = context.getBean(RunLeases.class);
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            List<Target> targets = targets(TENANTS);
            dispatcher(commands, queue, targets, WARM_UP, 0);
            quartz(dataSource, WARM_UP, 0);
            List<Result> results = new ArrayList<>();
            results.add(dispatcher(commands, queue, targets, RUNS, 0));
            results.add(quartz(dataSource, RUNS, 0));
            results.add(dispatcher(commands, queue, targets, PACED_RUNS, RATE_PER_MINUTE));
            results.add(quartz(dataSource, PACED_RUNS, RATE_PER_MINUTE));
            results.forEach(System.out::println);
            Result dispatchBurst = results.get(0);
            Result quartzBurst = results.get(1);
            System.out.printf("Summary: dispatcher %.0f runs/min vs Quartz-only %.0f runs/min (%.2fx);"
                    + " paced p99 trigger-to-start: dispatcher %d ms, Quartz-only %d ms%n",
                    dispatchBurst.perMinute(), quartzBurst.perMinute(),
                    dispatchBurst.perMinute() / quartzBurst.perMinute(),
                    results.get(2).percentile(0.99), results.get(3).percentile(0.99));
        }
    }

    private static List<Target> targets(int tenants) throws SQLException {
        List<Target> targets = new ArrayList<>();
        try (Connection c = TestDatabase.shared().owner().connect()) {
            for (int i = 0; i < tenants; i++) {
                UUID tenant = UUID.randomUUID();
                UUID integration = UUID.randomUUID();
                exec(c, "INSERT INTO tenants (id, slug, name) VALUES (?, ?, 'Bench')", tenant, "bench-" + tenant);
                c.setAutoCommit(false);
                exec(c, "SELECT set_config('app.tenant_id', ?, true)", tenant.toString());
                exec(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                        + " target_connection_id, target_object) VALUES (?, ?, 'Bench', ?, 'records', ?, 'orders')",
                        tenant, integration, UUID.randomUUID(), UUID.randomUUID());
                c.commit();
                c.setAutoCommit(true);
                targets.add(new Target(new TenantId(tenant), integration));
            }
        }
        return targets;
    }

    /** Enqueues {@code n} runs (all at once when {@code ratePerMinute} is 0) while claimer threads run them. */
    static Result dispatcher(RunCommands commands, RunLeases queue, List<Target> targets, int n, int ratePerMinute)
            throws Exception {
        Map<UUID, Long> triggered = new ConcurrentHashMap<>();
        Map<UUID, Long> started = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(n);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService claimers = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            String worker = "bench-" + t;
            claimers.submit(() -> {
                while (!stop.get()) {
                    List<ClaimedRun> claimed = queue.claim(worker, Duration.ofSeconds(60), CLAIM_BATCH);
                    long now = System.currentTimeMillis();
                    for (ClaimedRun run : claimed) {
                        started.put(run.runId(), now);
                    }
                    for (ClaimedRun run : claimed) {
                        queue.finish(run.runId(), run.attempt(), RunStatus.SUCCEEDED, RunCounts.NONE, null);
                        finished.countDown();
                    }
                    if (claimed.isEmpty()) {
                        sleep(IDLE_POLL_MILLIS);
                    }
                }
                return null;
            });
        }
        long begin = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            pace(begin, i, ratePerMinute);
            Target target = targets.get(i % targets.size());
            long at = System.currentTimeMillis();
            triggered.put(commands.enqueue(target.tenant(), target.integration(), RunTrigger.SCHEDULE), at);
        }
        boolean all = finished.await(10, TimeUnit.MINUTES);
        long end = System.currentTimeMillis();
        stop.set(true);
        claimers.shutdown();
        claimers.awaitTermination(1, TimeUnit.MINUTES);
        if (!all) {
            throw new IllegalStateException("The dispatcher did not finish " + n + " runs in 10 minutes");
        }
        return new Result("dispatcher", ratePerMinute == 0 ? "burst" : "paced", n, (end - begin) / 1000.0,
                latencies(triggered, started));
    }

    /** Schedules {@code n} one-off clustered Quartz jobs with now-triggers and waits until all executed. */
    static Result quartz(DataSource dataSource, int n, int ratePerMinute) throws Exception {
        Map<String, Long> triggered = new ConcurrentHashMap<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(n);
        Scheduler scheduler = quartzScheduler(dataSource);
        Job job = context -> {
            started.put(context.getJobDetail().getKey().getName(), System.currentTimeMillis());
            finished.countDown();
        };
        scheduler.setJobFactory((bundle, s) -> job);
        scheduler.start();
        String batch = UUID.randomUUID().toString().substring(0, 8);
        long begin = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            pace(begin, i, ratePerMinute);
            String name = batch + "-" + i;
            long at = System.currentTimeMillis();
            triggered.put(name, at);
            scheduler.scheduleJob(JobBuilder.newJob(NoOp.class).withIdentity(name, "bench").build(),
                    TriggerBuilder.newTrigger().withIdentity(name, "bench").startNow().build());
        }
        boolean all = finished.await(10, TimeUnit.MINUTES);
        long end = System.currentTimeMillis();
        scheduler.shutdown(true);
        if (!all) {
            throw new IllegalStateException("Quartz did not execute " + n + " jobs in 10 minutes");
        }
        return new Result("quartz", ratePerMinute == 0 ? "burst" : "paced", n, (end - begin) / 1000.0,
                latencies(triggered, started));
    }

    /** The job class Quartz stores; the job factory hands out the recording job instead. */
    public static final class NoOp implements Job {
        @Override
        public void execute(JobExecutionContext context) {
        }
    }

    /** Configured like the platform's scheduler (QuartzFactory), with batch acquisition as wide as its threads. */
    private static Scheduler quartzScheduler(DataSource dataSource) throws Exception {
        String name = "bench-quartz";
        String provider = "bench-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(provider, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, name);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "bench-" + UUID.randomUUID());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_IDLE_WAIT_TIME, "1000");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_JMX_EXPORT, "false");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", provider);
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "15000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        SchedulerRepository.getInstance().remove(name);
        return scheduler;
    }

    private static <K> long[] latencies(Map<K, Long> triggered, Map<K, Long> started) {
        long[] out = new long[started.size()];
        int i = 0;
        for (Map.Entry<K, Long> e : started.entrySet()) {
            out[i++] = e.getValue() - triggered.get(e.getKey());
        }
        return out;
    }

    private static void pace(long begin, int i, int ratePerMinute) {
        if (ratePerMinute > 0) {
            long due = begin + (long) i * 60_000L / ratePerMinute;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                sleep(wait);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
