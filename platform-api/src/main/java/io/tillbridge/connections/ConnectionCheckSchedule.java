package io.tillbridge.connections;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tillbridge.platform.PlatformCron;
import jakarta.inject.Singleton;
import org.quartz.Scheduler;

/**
 * The periodic connection check's place on the clustered Quartz clock: one job for the platform on
 * {@code tillbridge.connections.check-cron} (default every 15 minutes) in UTC; each fire checks the
 * connections whose last check is older than {@code tillbridge.connections.check-interval}.
 * {@code tillbridge.connections.checks-enabled=false} removes it.
 */
@Singleton
@Requires(property = "tillbridge.roles.scheduler", value = "true", defaultValue = "true")
public class ConnectionCheckSchedule {

    /** The job's name in the {@code platform} group. */
    public static final String NAME = "connection-checks";

    private final Scheduler scheduler;
    private final PlatformCron cron;

    public ConnectionCheckSchedule(Scheduler scheduler,
            @Value("${tillbridge.connections.checks-enabled:true}") boolean enabled,
            @Value("${tillbridge.connections.check-cron:0 3/15 * * * ?}") String cron) {
        this.scheduler = scheduler;
        this.cron = new PlatformCron(NAME, "tillbridge.connections.check-cron", ConnectionCheckJob.class, cron, enabled);
    }

    @EventListener
    void started(StartupEvent event) {
        cron.install(scheduler);
    }
}
