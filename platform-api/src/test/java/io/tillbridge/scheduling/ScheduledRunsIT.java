package io.tillbridge.scheduling;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.ScheduledRuns.Outcome;
import io.tillbridge.scheduling.internal.ScheduleTriggers;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/** What a schedule's fire does, called as Quartz calls it: queue, coalesce, or leave alone. */
@MicronautTest(transactional = false)
class ScheduledRunsIT extends TestDatabaseProperties {

    @Inject
    ScheduledRuns scheduled;

    @Inject
    Scheduler scheduler;

    @Inject
    MeterRegistry meters;

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Fire Roasters", TenantRole.OWNER);

    private UUID integration;

    @BeforeEach
    void an_integration_with_an_hourly_schedule() {
        integration = TestIntegrations.newIntegration(tenants.id());
        assertThat(api.put(tenants.owner(), "/api/v1/tenants/" + tenants.id() + "/integrations/" + integration + "/schedule",
                Map.of("intervalSeconds", 3600)).status()).isEqualTo(200);
    }

    private Outcome fire(int version) {
        return scheduled.fire(new TenantId(tenants.id()), integration, version, scheduler);
    }

    @Test
    void a_fire_queues_one_schedule_run_and_coalesces_while_it_is_still_queued() {
        double enqueuedBefore = meters.counter(ScheduledRuns.METER, "outcome", "enqueued").count();
        assertThat(fire(1)).isEqualTo(Outcome.ENQUEUED);
        assertThat(fire(1)).isEqualTo(Outcome.COALESCED);
        assertThat(fire(1)).isEqualTo(Outcome.COALESCED);
        List<Map<String, Object>> runs = TestIntegrations.runs(tenants.id(), integration);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("trigger", "schedule").containsEntry("status", "queued");
        assertThat(meters.counter(ScheduledRuns.METER, "outcome", "enqueued").count()).isEqualTo(enqueuedBefore + 1);

        TestIntegrations.claim((UUID) runs.get(0).get("id"));
        assertThat(fire(1)).isEqualTo(Outcome.ENQUEUED);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).hasSize(2);
    }

    @Test
    void a_paused_integration_gets_no_run() {
        inTenant(tenants.id(), c -> update(c, "UPDATE integrations SET status = 'paused' WHERE id = ?", integration));
        assertThat(fire(1)).isEqualTo(Outcome.INTEGRATION_PAUSED);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
    }

    @Test
    void a_suspended_tenant_gets_no_run() {
        platform(c -> update(c, "UPDATE tenants SET status = 'suspended', suspended_at = now(),"
                + " suspended_reason = 'test' WHERE id = ?", tenants.id()));
        assertThat(fire(1)).isEqualTo(Outcome.TENANT_INACTIVE);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
    }

    @Test
    void a_deleted_integration_gets_no_run_and_its_trigger_is_removed() throws SchedulerException {
        assertThat(scheduler.checkExists(ScheduleTriggers.triggerKey(new TenantId(tenants.id()), integration))).isTrue();
        inTenant(tenants.id(), c -> update(c, "DELETE FROM integrations WHERE id = ?", integration));
        assertThat(fire(1)).isEqualTo(Outcome.REMOVED);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
        assertThat(scheduler.checkExists(ScheduleTriggers.triggerKey(new TenantId(tenants.id()), integration))).isFalse();
    }

    @Test
    void a_disabled_schedule_gets_no_run() {
        inTenant(tenants.id(), c -> update(c, "UPDATE integration_schedules SET enabled = false WHERE integration_id = ?",
                integration));
        assertThat(fire(1)).isEqualTo(Outcome.DISABLED);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
    }

    @Test
    void a_trigger_older_than_its_schedule_row_is_rearmed_from_the_row_and_queues_nothing()
            throws SchedulerException {
        inTenant(tenants.id(), c -> update(c, "UPDATE integration_schedules SET interval_seconds = 7200, version = 2"
                + " WHERE integration_id = ?", integration));
        assertThat(fire(1)).isEqualTo(Outcome.REARMED);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
        var trigger = scheduler.getTrigger(ScheduleTriggers.triggerKey(new TenantId(tenants.id()), integration));
        assertThat(trigger.getJobDataMap().getString(ScheduleTriggers.VERSION)).isEqualTo("2");
        assertThat(fire(2)).isEqualTo(Outcome.ENQUEUED);
    }
}
