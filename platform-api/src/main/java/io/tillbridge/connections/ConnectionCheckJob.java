package io.tillbridge.connections;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connection-check trigger ({@link ConnectionCheckSchedule}) does when it fires: one pass
 * of {@link ConnectionChecks#checkDue()}, one at a time across the cluster.
 */
@Singleton
@DisallowConcurrentExecution
public class ConnectionCheckJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheckJob.class);

    private final ConnectionChecks checks;

    public ConnectionCheckJob(ConnectionChecks checks) {
        this.checks = checks;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            checks.checkDue();
        } catch (RuntimeException e) {
            // The next fire checks what this one left.
            LOG.error("The periodic connection check failed", e);
        }
    }
}
