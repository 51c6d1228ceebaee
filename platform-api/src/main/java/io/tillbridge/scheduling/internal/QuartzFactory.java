package io.tillbridge.scheduling.internal;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz scheduler of this process: a clustered JDBC job store ({@code JobStoreTX},
 * {@code PostgreSQLDelegate}) on the platform's database, over the application's connection pool.
 * It is created in standby: processes that change schedules use it to write triggers into the
 * shared job store, and only the scheduler role starts it ({@code ScheduleClock}). Every process
 * has its own instance id; all share the cluster name, so each trigger fires once in the cluster.
 */
@Factory
public class QuartzFactory {

    /** The cluster's name: the {@code sched_name} of every Quartz row. */
    public static final String CLUSTER = "tillbridge";

    @Singleton
    @Bean(preDestroy = "shutdown")
    Scheduler scheduler(DataSource dataSource, List<Job> jobs,
            @Value("${tillbridge.scheduler.threads:4}") int threads,
            @Value("${tillbridge.scheduler.cluster-checkin-interval:15s}") Duration checkinInterval,
            @Value("${tillbridge.scheduler.misfire-threshold:5s}") Duration misfireThreshold,
            @Value("${tillbridge.scheduler.idle-wait:5s}") Duration idleWait,
            @Nullable @Value("${tillbridge.scheduler.instance-id}") String instanceId) throws SchedulerException {
        if (threads < 1 || checkinInterval.toMillis() < 100 || misfireThreshold.toMillis() < 100
                || idleWait.toMillis() < 1000) {
            throw new IllegalArgumentException("tillbridge.scheduler: threads must be at least 1, the"
                    + " cluster-checkin-interval and misfire-threshold at least 100 ms, idle-wait at least 1 s");
        }
        // Quartz finds connection providers by name in a JVM-wide registry: one name per scheduler.
        String dataSourceName = "tillbridge-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName,
                new DataSourceConnectionProvider(DelegatingDataSource.unwrapDataSource(dataSource)));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, CLUSTER);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID,
                instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_IDLE_WAIT_TIME, Long.toString(idleWait.toMillis()));
        p.setProperty(StdSchedulerFactory.PROP_SCHED_JMX_EXPORT, "false");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "schedule");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinInterval.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThreshold.toMillis()));
        // Job data as string properties only: ids and a version, nothing serialised.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        Scheduler scheduler;
        synchronized (QuartzFactory.class) {
            scheduler = new StdSchedulerFactory(p).getScheduler();
            // StdSchedulerFactory shares schedulers by name within a JVM; this one is the context's own.
            SchedulerRepository.getInstance().remove(CLUSTER);
        }
        // Jobs are beans: each trigger's job class names the bean that runs it (schedules, retention).
        scheduler.setJobFactory((bundle, s) -> jobs.stream()
                .filter(j -> bundle.getJobDetail().getJobClass().isInstance(j)).findFirst()
                .orElseThrow(() -> new SchedulerException("No job bean of " + bundle.getJobDetail().getJobClass())));
        return scheduler;
    }

    private static String defaultInstanceId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
