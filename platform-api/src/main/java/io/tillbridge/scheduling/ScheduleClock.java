package io.tillbridge.scheduling;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler role: starts this process's Quartz scheduler, which then fires the triggers of
 * every tenant's schedules together with the other scheduler processes of the cluster. With
 * {@code tillbridge.scheduler.auto-start=false} (tests) it waits for {@link #start()}.
 */
@Singleton
@Requires(property = "tillbridge.roles.scheduler", value = "true", defaultValue = "true")
public class ScheduleClock {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleClock.class);

    private final Scheduler scheduler;
    private final boolean autoStart;

    public ScheduleClock(Scheduler scheduler, @Value("${tillbridge.scheduler.auto-start:true}") boolean autoStart) {
        this.scheduler = scheduler;
        this.autoStart = autoStart;
    }

    @EventListener
    void started(StartupEvent event) {
        if (autoStart) {
            start();
        }
    }

    /** Starts firing triggers; fire times missed while no scheduler ran fire once, at once. */
    public void start() {
        try {
            scheduler.start();
            LOG.info("Scheduler {} started", scheduler.getSchedulerInstanceId());
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler did not start", e);
        }
    }

    /** Stops firing triggers (the scheduler stays usable for writing schedules). */
    public void standby() {
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler did not stop", e);
        }
    }

    public Scheduler scheduler() {
        return scheduler;
    }
}
