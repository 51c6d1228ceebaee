package io.tillbridge.alerts;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert evaluation's place on the clustered Quartz clock: one job and one trigger for the whole
 * platform, every {@code tillbridge.alerts.interval-seconds} (default 300). Processes with the
 * scheduler role write them at start-up; {@code tillbridge.alerts.enabled=false} removes them.
 */
@Singleton
@Requires(property = "tillbridge.roles.scheduler", value = "true", defaultValue = "true")
public class AlertSchedule {

    public static final JobKey JOB = JobKey.jobKey("alerts", "platform");
    public static final TriggerKey TRIGGER = TriggerKey.triggerKey("alerts", "platform");

    private static final Logger LOG = LoggerFactory.getLogger(AlertSchedule.class);

    private final Scheduler scheduler;
    private final boolean enabled;
    private final int intervalSeconds;

    public AlertSchedule(Scheduler scheduler, @Value("${tillbridge.alerts.enabled:true}") boolean enabled,
            @Value("${tillbridge.alerts.interval-seconds:300}") int intervalSeconds) {
        if (intervalSeconds < 10 || intervalSeconds > 86_400) {
            throw new IllegalArgumentException("tillbridge.alerts.interval-seconds must be 10 to 86400: " + intervalSeconds);
        }
        this.scheduler = scheduler;
        this.enabled = enabled;
        this.intervalSeconds = intervalSeconds;
    }

    @EventListener
    void started(StartupEvent event) {
        try {
            if (!enabled) {
                scheduler.deleteJob(JOB);
                return;
            }
            JobDetail job = JobBuilder.newJob(AlertJob.class).withIdentity(JOB).storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                    .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(intervalSeconds)
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            // A process that cannot write the trigger leaves it to the other scheduler processes.
            LOG.error("The alert job could not be scheduled", e);
        }
    }
}
