package io.tillbridge.retention;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention purge's place on the clustered Quartz clock (DD-013): one job and one trigger for
 * the whole platform, on {@code tillbridge.retention.cron} (default hourly, at minute 7) in UTC.
 * Processes with the scheduler role write them at start-up (replacing an older cron; the next fire
 * time follows from the cron, so restarts do not postpone it);
 * {@code tillbridge.retention.enabled=false} removes them.
 */
@Singleton
@Requires(property = "tillbridge.roles.scheduler", value = "true", defaultValue = "true")
public class RetentionSchedule {

    public static final JobKey JOB = JobKey.jobKey("retention", "platform");
    public static final TriggerKey TRIGGER = TriggerKey.triggerKey("retention", "platform");

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final Scheduler scheduler;
    private final boolean enabled;
    private final String cron;

    public RetentionSchedule(Scheduler scheduler, @Value("${tillbridge.retention.enabled:true}") boolean enabled,
            @Value("${tillbridge.retention.cron:0 7 * * * ?}") String cron) {
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("tillbridge.retention.cron is not a Quartz cron expression: " + cron);
        }
        this.scheduler = scheduler;
        this.enabled = enabled;
        this.cron = cron;
    }

    @EventListener
    void started(StartupEvent event) {
        try {
            if (!enabled) {
                scheduler.deleteJob(JOB);
                return;
            }
            JobDetail job = JobBuilder.newJob(RetentionJob.class).withIdentity(JOB).storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            // A process that cannot write the trigger leaves it to the other scheduler processes.
            LOG.error("The retention job could not be scheduled", e);
        }
    }
}
