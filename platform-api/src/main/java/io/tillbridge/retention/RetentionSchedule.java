package io.tillbridge.retention;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tillbridge.platform.PlatformCron;
import jakarta.inject.Singleton;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

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

    private final Scheduler scheduler;
    private final PlatformCron cron;

    public RetentionSchedule(Scheduler scheduler, @Value("${tillbridge.retention.enabled:true}") boolean enabled,
            @Value("${tillbridge.retention.cron:0 7 * * * ?}") String cron) {
        this.scheduler = scheduler;
        this.cron = new PlatformCron(JOB.getName(), "tillbridge.retention.cron", RetentionJob.class, cron, enabled);
    }

    @EventListener
    void started(StartupEvent event) {
        cron.install(scheduler);
    }
}
