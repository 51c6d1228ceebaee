package io.tillbridge.alerts;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the alert trigger ({@link AlertSchedule}) does when it fires: one evaluation of every
 * tenant's rules, then the due notifications. {@link DisallowConcurrentExecution} holds
 * cluster-wide in the clustered job store, so one evaluation runs at a time.
 */
@Singleton
@DisallowConcurrentExecution
public class AlertJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(AlertJob.class);

    private final AlertEvaluator evaluator;

    public AlertJob(AlertEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            AlertEvaluator.Outcome outcome = evaluator.evaluateAll();
            if (outcome.opened() + outcome.resolved() + outcome.renotified() > 0) {
                LOG.info("Alerts: {} opened, {} re-notified, {} resolved", outcome.opened(), outcome.renotified(),
                        outcome.resolved());
            }
        } catch (RuntimeException e) {
            // Not retried by Quartz: the next fire evaluates again.
            LOG.error("The alert evaluation failed", e);
        }
    }
}
