package io.tillbridge.scheduling;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.Await;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;

/**
 * Real clustered Quartz: two scheduler instances (this test's context and a second context with
 * another instance id) over one database. Each trigger fires once in the cluster, and fire times
 * missed while no scheduler ran are made up by exactly one fire on start.
 */
@MicronautTest(transactional = false)
class ClusteredSchedulerIT extends TestDatabaseProperties {

    @Inject
    ScheduleClock first;

    @Inject
    MeterRegistry firstMeters;

    private ApplicationContext secondContext;
    private ScheduleClock second;

    @Inject
    ApiClient api;

    private final List<Fire> fires = new CopyOnWriteArrayList<>();

    /** One fire as a scheduler instance saw it. */
    record Fire(String instance, String trigger, long scheduledAt) {
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.scheduler.min-interval", "1s",
                "tillbridge.scheduler.cluster-checkin-interval", "2s",
                "tillbridge.scheduler.misfire-threshold", "1s",
                "tillbridge.scheduler.idle-wait", "1s",
                "tillbridge.scheduler.threads", "2",
                "tillbridge.scheduler.instance-id", "first-" + UUID.randomUUID());
    }

    @BeforeAll
    void a_second_scheduler_instance() throws SchedulerException {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("tillbridge.scheduler.instance-id", "second-" + UUID.randomUUID());
        properties.put("micronaut.server.port", "-1");
        properties.put("tillbridge.roles.api", "false");
        secondContext = ApplicationContext.run(properties);
        second = secondContext.getBean(ScheduleClock.class);
        assertThat(second.scheduler()).isNotSameAs(first.scheduler());
        listen(first);
        listen(second);
    }

    private void listen(ScheduleClock clock) throws SchedulerException {
        String instance = clock.scheduler().getSchedulerInstanceId();
        clock.scheduler().getListenerManager().addTriggerListener(new TriggerListenerSupport() {
            @Override
            public String getName() {
                return "fires-" + instance;
            }

            @Override
            public void triggerFired(Trigger trigger, JobExecutionContext context) {
                fires.add(new Fire(instance, trigger.getKey().getName(), context.getScheduledFireTime().getTime()));
            }
        });
    }

    @AfterEach
    void standby() {
        first.standby();
        second.standby();
    }

    @AfterAll
    void close_the_second_context() {
        secondContext.close();
    }

    @Test
    void two_scheduler_instances_fire_each_trigger_once() throws InterruptedException {
        UUID tenant = newTenant("Cluster Deli");
        User owner = newMember(tenant, TenantRole.OWNER);
        UUID integration = TestIntegrations.newIntegration(tenant);
        assertThat(api.put(owner, schedulePath(tenant, integration), Map.of("intervalSeconds", 1)).status()).isEqualTo(200);

        first.start();
        second.start();
        Await.holdsFor(Duration.ofSeconds(7), "no fire time of the trigger fires twice", () -> {
            List<Long> times = fires.stream().filter(f -> f.trigger().equals(integration.toString()))
                    .map(Fire::scheduledAt).toList();
            return new HashSet<>(times).size() == times.size();
        });
        first.standby();
        second.standby();

        List<Fire> ofTrigger = fires.stream().filter(f -> f.trigger().equals(integration.toString())).toList();
        Set<Long> distinct = new HashSet<>();
        List<Long> duplicates = new ArrayList<>();
        for (Fire fire : ofTrigger) {
            if (!distinct.add(fire.scheduledAt())) {
                duplicates.add(fire.scheduledAt());
            }
        }
        assertThat(duplicates).as("fire times that fired twice, of %s", ofTrigger).isEmpty();
        assertThat(ofTrigger).as("about one fire a second for 7 s").hasSizeBetween(3, 9);
        // No worker ran: the first fire queued a run, every later one coalesced into it.
        List<Map<String, Object>> runs = TestIntegrations.runs(tenant, integration);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("trigger", "schedule");
        assertThat(counted("coalesced")).isGreaterThanOrEqualTo(ofTrigger.size() - 1);
        assertThat(api.delete(owner, schedulePath(tenant, integration), "If-Match", "\"1\"").status()).isEqualTo(204);
    }

    @Test
    void fire_times_missed_while_no_scheduler_ran_fire_once_on_start() throws InterruptedException {
        UUID tenant = newTenant("Misfire Bistro");
        User owner = newMember(tenant, TenantRole.OWNER);
        UUID byInterval = TestIntegrations.newIntegration(tenant);
        UUID byCron = TestIntegrations.newIntegration(tenant);
        assertThat(api.put(owner, schedulePath(tenant, byInterval), Map.of("intervalSeconds", 60)).status()).isEqualTo(200);
        // Hourly, half an hour from now: no regular fire can fall inside this test and pass for a catch-up fire.
        int minute = (java.time.LocalTime.now(java.time.ZoneOffset.UTC).getMinute() + 30) % 60;
        assertThat(api.put(owner, schedulePath(tenant, byCron), Map.of("cron", "0 " + minute + " * * * ?",
                "timeZone", "UTC")).status()).isEqualTo(200);
        // The schedulers were down for the last 30 intervals.
        long now = System.currentTimeMillis();
        platform(c -> update(c, "UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_group = ?",
                now - 30 * 60_000L, tenant.toString()));

        first.start();
        second.start();
        Await.until(Duration.ofSeconds(15), "a catch-up fire of each trigger",
                () -> firesOf(byInterval) >= 1 && firesOf(byCron) >= 1);
        // Give a storm of catch-up fires time to show.
        Await.holdsFor(Duration.ofSeconds(3), "one catch-up fire each, no storm",
                () -> firesOf(byInterval) <= 1 && firesOf(byCron) <= 1);
        first.standby();
        second.standby();

        assertThat(firesOf(byInterval)).as("fires of the interval trigger").isEqualTo(1);
        assertThat(firesOf(byCron)).as("fires of the cron trigger").isEqualTo(1);
        assertThat(TestIntegrations.runs(tenant, byInterval)).hasSize(1);
        assertThat(TestIntegrations.runs(tenant, byCron)).hasSize(1);
        List<Map<String, Object>> next = platform(c -> rows(c, "SELECT trigger_name, next_fire_time FROM qrtz_triggers"
                + " WHERE trigger_group = ?", tenant.toString()));
        assertThat(next).hasSize(2).allSatisfy(row ->
                assertThat((Long) row.get("next_fire_time")).as("the next regular fire is ahead").isGreaterThan(now));
    }

    private long firesOf(UUID integration) {
        return fires.stream().filter(f -> f.trigger().equals(integration.toString())).count();
    }

    private double counted(String outcome) {
        return firstMeters.counter(ScheduledRuns.METER, "outcome", outcome).count()
                + secondContext.getBean(MeterRegistry.class).counter(ScheduledRuns.METER, "outcome", outcome).count();
    }

    private static String schedulePath(UUID tenant, UUID integration) {
        return "/api/v1/tenants/" + tenant + "/integrations/" + integration + "/schedule";
    }
}
