package io.tillbridge.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Only the scheduler role fires triggers: without it a process has no schedule clock, and its
 * Quartz scheduler (used to write schedules) stays in standby; with it the scheduler starts.
 */
@MicronautTest(transactional = false)
class SchedulerRoleIT extends TestDatabaseProperties {

    @Inject
    ApplicationContext context;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.roles.scheduler", "false", "tillbridge.scheduler.auto-start", "true");
    }

    @Test
    void without_the_scheduler_role_triggers_are_written_but_never_fired() throws SchedulerException {
        assertThat(context.findBean(ScheduleClock.class)).isEmpty();
        assertThat(context.findBean(ScheduleService.class)).isPresent();
        Scheduler scheduler = context.getBean(Scheduler.class);
        assertThat(scheduler.isStarted()).isFalse();
        assertThat(scheduler.isInStandbyMode()).isTrue();
    }

    @Test
    void with_the_scheduler_role_the_scheduler_starts_with_the_process() throws SchedulerException {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("tillbridge.roles.scheduler", "true");
        properties.put("tillbridge.roles.api", "false");
        try (ApplicationContext scheduling = ApplicationContext.run(properties)) {
            Scheduler scheduler = scheduling.getBean(Scheduler.class);
            assertThat(scheduler.isStarted()).isTrue();
            assertThat(scheduler.isInStandbyMode()).isFalse();
            assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        }
    }
}
