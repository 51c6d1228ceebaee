package io.tillbridge.scheduling.internal;

import io.tillbridge.scheduling.Schedule;
import io.tillbridge.tenants.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * How a schedule becomes a Quartz job and trigger. Keys are the integration id (name) in the
 * tenant id (group); the trigger's data are the two ids and the schedule's version, nothing else.
 * Misfires (fire times missed while no scheduler ran) fire once, at once, never once per missed
 * time: cron triggers {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}, interval triggers
 * {@code MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT}.
 */
public final class ScheduleTriggers {

    public static final String TENANT = "tenantId";
    public static final String INTEGRATION = "integrationId";
    public static final String VERSION = "version";

    private ScheduleTriggers() {
    }

    public static JobKey jobKey(TenantId tenant, UUID integrationId) {
        return JobKey.jobKey(integrationId.toString(), tenant.toString());
    }

    public static TriggerKey triggerKey(TenantId tenant, UUID integrationId) {
        return TriggerKey.triggerKey(integrationId.toString(), tenant.toString());
    }

    /** The trigger of an enabled schedule; interval schedules first fire one interval from {@code now}. */
    public static Trigger trigger(TenantId tenant, Schedule schedule, Instant now) {
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(tenant, schedule.integrationId()))
                .forJob(jobKey(tenant, schedule.integrationId()))
                .usingJobData(TENANT, tenant.toString())
                .usingJobData(INTEGRATION, schedule.integrationId().toString())
                .usingJobData(VERSION, Integer.toString(schedule.version()));
        if (schedule.cron() != null) {
            return builder.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                    .inTimeZone(TimeZone.getTimeZone(schedule.timeZone()))
                    .withMisfireHandlingInstructionFireAndProceed()).startAt(Date.from(now)).build();
        }
        return builder.withSchedule(SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInSeconds(schedule.intervalSeconds()).repeatForever()
                .withMisfireHandlingInstructionNowWithExistingCount())
                .startAt(Date.from(now.plusSeconds(schedule.intervalSeconds()))).build();
    }

    /**
     * Writes the schedule into the job store: an enabled schedule replaces the integration's job
     * and trigger, a disabled one removes them. Not atomic: the old job is removed in a job store
     * transaction of its own before the new one is written.
     */
    public static void arm(Scheduler scheduler, TenantId tenant, Schedule schedule, Instant now)
            throws SchedulerException {
        if (!schedule.enabled()) {
            disarm(scheduler, tenant, schedule.integrationId());
            return;
        }
        JobDetail job = JobBuilder.newJob(ScheduledRunJob.class).withIdentity(jobKey(tenant, schedule.integrationId()))
                .build();
        // Replacing a trigger in place leaves the old type's row behind when a schedule changes from
        // interval to cron (or back); the old job and trigger are removed first instead.
        scheduler.deleteJob(job.getKey());
        scheduler.scheduleJob(job, Set.of(trigger(tenant, schedule, now)), true);
    }

    public static void disarm(Scheduler scheduler, TenantId tenant, UUID integrationId) throws SchedulerException {
        scheduler.deleteJob(jobKey(tenant, integrationId));
    }

    /** Up to {@code n} fire times of the stored trigger, from its next one on. */
    public static List<Instant> nextFireTimes(Trigger trigger, int n) {
        List<Instant> times = new ArrayList<>();
        Date next = trigger == null ? null : trigger.getNextFireTime();
        while (next != null && times.size() < n) {
            times.add(next.toInstant());
            next = trigger.getFireTimeAfter(next);
        }
        return times;
    }
}
