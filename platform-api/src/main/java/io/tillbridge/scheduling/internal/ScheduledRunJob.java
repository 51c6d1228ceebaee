package io.tillbridge.scheduling.internal;

import io.tillbridge.scheduling.ScheduledRuns;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a schedule's trigger does when it fires: asks {@link ScheduledRuns} to queue a run, and returns. */
@Singleton
public class ScheduledRunJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRunJob.class);

    private final ScheduledRuns runs;

    public ScheduledRunJob(ScheduledRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        try {
            TenantId tenant = new TenantId(UUID.fromString(data.getString(ScheduleTriggers.TENANT)));
            UUID integrationId = UUID.fromString(data.getString(ScheduleTriggers.INTEGRATION));
            int version = Integer.parseInt(data.getString(ScheduleTriggers.VERSION));
            runs.fire(tenant, integrationId, version, context.getScheduler());
        } catch (RuntimeException e) {
            // A failed fire is not retried by Quartz: the next fire time tries again.
            LOG.error("Schedule {} failed to fire", context.getTrigger().getKey(), e);
        }
    }
}
