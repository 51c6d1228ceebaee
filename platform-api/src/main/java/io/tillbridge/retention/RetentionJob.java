package io.tillbridge.retention;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the retention trigger ({@link RetentionSchedule}) does when it fires: one purge.
 * {@link DisallowConcurrentExecution} holds cluster-wide in the clustered job store, so one purge
 * runs at a time however many scheduler processes there are.
 */
@Singleton
@DisallowConcurrentExecution
public class RetentionJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionPurge purge;

    public RetentionJob(RetentionPurge purge) {
        this.purge = purge;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            purge.purge();
        } catch (RuntimeException e) {
            // Not retried by Quartz: the next fire purges what this one left.
            LOG.error("The retention purge failed", e);
        }
    }
}
