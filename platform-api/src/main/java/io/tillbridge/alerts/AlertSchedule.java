package io.tillbridge.alerts;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tillbridge.platform.PlatformCron;
import jakarta.inject.Singleton;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerKey;

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
        PlatformCron.install(scheduler, JOB.getName(), AlertJob.class, SimpleScheduleBuilder
                .repeatSecondlyForever(intervalSeconds).withMisfireHandlingInstructionNextWithRemainingCount(), enabled);
    }
}
