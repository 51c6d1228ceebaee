package io.tillbridge.platform;

import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform-wide job on the clustered Quartz clock (DD-013): one job and one trigger for the
 * whole platform on a cron in UTC, written by the scheduler processes at start-up (replacing an
 * older cron; the next fire follows from the cron, so restarts do not postpone it), or removed when
 * the job is switched off. The job's class marks itself {@code @DisallowConcurrentExecution} so that
 * one fire runs at a time across the cluster.
 *
 * @param name the job's name in the {@code platform} group
 * @param setting the cron's setting, named in errors
 */
public record PlatformCron(String name, String setting, Class<? extends Job> job, String cron, boolean enabled) {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformCron.class);

    public PlatformCron {
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException(setting + " is not a Quartz cron expression: " + cron);
        }
    }

    public JobKey jobKey() {
        return JobKey.jobKey(name, "platform");
    }

    public TriggerKey triggerKey() {
        return TriggerKey.triggerKey(name, "platform");
    }

    /** Writes (or, when switched off, removes) the job and its trigger; a failure is logged, not thrown. */
    public void install(Scheduler scheduler) {
        install(scheduler, name, job, CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
                .withMisfireHandlingInstructionFireAndProceed(), enabled);
    }

    /**
     * Writes one platform job {@code name} of the {@code platform} group with a trigger on
     * {@code schedule} (or removes it when not {@code enabled}); a failure is logged, not thrown: a
     * process that cannot write it leaves it to the other scheduler processes.
     */
    public static void install(Scheduler scheduler, String name, Class<? extends Job> job,
            ScheduleBuilder<? extends Trigger> schedule, boolean enabled) {
        JobKey key = JobKey.jobKey(name, "platform");
        try {
            if (!enabled) {
                scheduler.deleteJob(key);
                return;
            }
            JobDetail detail = JobBuilder.newJob(job).withIdentity(key).storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(name, "platform"))
                    .forJob(key).withSchedule(schedule).build();
            scheduler.scheduleJob(detail, Set.of(trigger), true);
        } catch (SchedulerException e) {
            LOG.error("The {} job could not be scheduled", name, e);
        }
    }
}
