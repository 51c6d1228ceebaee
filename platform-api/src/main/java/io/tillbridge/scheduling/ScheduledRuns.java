package io.tillbridge.scheduling;

import io.micrometer.core.instrument.MeterRegistry;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.scheduling.internal.ScheduleRepository;
import io.tillbridge.scheduling.internal.ScheduleTriggers;
import io.tillbridge.support.TenantStatusService;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a schedule fires. Quartz is only the clock: this queues a run with trigger
 * {@code schedule} and returns. No run is queued for a suspended tenant, a paused integration or a
 * disabled schedule, and none while a run of the integration is still queued (coalescing). The
 * schedule's row is the truth: a trigger whose row is gone is removed, and a trigger older than its
 * row (a change whose trigger write outlived a failed commit) is re-armed from the row.
 * Every fire is counted in the meter {@value #METER}, tagged with its {@link Outcome}.
 */
@Singleton
public class ScheduledRuns {

    /** Counter of schedule fires, tagged {@code outcome}. */
    public static final String METER = "tillbridge.schedule.fires";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRuns.class);

    /** What one fire did. */
    public enum Outcome {
        ENQUEUED, COALESCED, INTEGRATION_PAUSED, TENANT_INACTIVE, DISABLED, REMOVED, REARMED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final TenantTransactions transactions;
    private final ScheduleRepository schedules;
    private final IntegrationService integrations;
    private final TenantStatusService tenants;
    private final RunCommands runs;
    private final MeterRegistry meters;
    private final Clock clock;

    public ScheduledRuns(TenantTransactions transactions, ScheduleRepository schedules,
            IntegrationService integrations, TenantStatusService tenants, RunCommands runs, MeterRegistry meters,
            Clock clock) {
        this.transactions = transactions;
        this.schedules = schedules;
        this.integrations = integrations;
        this.tenants = tenants;
        this.runs = runs;
        this.meters = meters;
        this.clock = clock;
    }

    /** Fires the schedule of {@code integrationId} whose trigger carries {@code version}. */
    public Outcome fire(TenantId tenant, UUID integrationId, int version, Scheduler scheduler) {
        Outcome outcome = decide(tenant, integrationId, version, scheduler);
        meters.counter(METER, "outcome", outcome.wire()).increment();
        LOG.debug("Schedule of integration {} fired: {}", integrationId, outcome.wire());
        return outcome;
    }

    private Outcome decide(TenantId tenant, UUID integrationId, int version, Scheduler scheduler) {
        if (!tenants.isActive(tenant)) {
            return Outcome.TENANT_INACTIVE;
        }
        Optional<Schedule> schedule = transactions.read(tenant, c -> schedules.find(tenant, c, integrationId, false));
        try {
            if (schedule.isEmpty()) {
                ScheduleTriggers.disarm(scheduler, tenant, integrationId);
                return Outcome.REMOVED;
            }
            if (schedule.get().version() != version) {
                ScheduleTriggers.arm(scheduler, tenant, schedule.get(), clock.instant());
                return Outcome.REARMED;
            }
            if (!schedule.get().enabled()) {
                ScheduleTriggers.disarm(scheduler, tenant, integrationId);
                return Outcome.DISABLED;
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("The job store refused a change of schedule " + integrationId, e);
        }
        Optional<Integration> integration = integrations.find(tenant, integrationId);
        if (integration.isEmpty()) {
            return Outcome.REMOVED;
        }
        if (integration.get().paused()) {
            return Outcome.INTEGRATION_PAUSED;
        }
        return runs.enqueueCoalesced(tenant, integrationId, RunTrigger.SCHEDULE).coalesced()
                ? Outcome.COALESCED : Outcome.ENQUEUED;
    }
}
