package io.tillbridge.engine;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.events.EventTypes;
import io.tillbridge.events.PlatformEvents;
import io.tillbridge.metrics.IntegrationMetrics;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.runs.queue.RunTransaction;
import io.tillbridge.runs.queue.StaleAttemptException;
import io.tillbridge.storage.StorageQuotaExceededException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run's attempt ends (DD-012): succeeded, cancelled or failed with its category and message;
 * re-queued with back-off after a transient failure ({@link RetryPolicy}: TRANSIENT or a rate limit,
 * or a lost platform database) until {@code tillbridge.worker.max-retries} are spent; or left to
 * another worker, which takes it over from its last checkpoint once its lease runs out, when this
 * worker is stopping or the attempt was fenced off. A retry run that ends gives the record errors
 * it did not get to back to the inbox.
 */
@Singleton
class RunOutcome {

    private static final Logger LOG = LoggerFactory.getLogger(RunOutcome.class);

    private final RunLeases leases;
    private final ErrorInbox inbox;
    private final RetryPolicy retries;
    private final PlatformEvents events;
    private final IntegrationMetrics metrics;

    RunOutcome(RunLeases leases, ErrorInbox inbox, WorkerSettings settings, PlatformEvents events,
            IntegrationMetrics metrics) {
        this.leases = leases;
        this.inbox = inbox;
        this.events = events;
        this.retries = settings.retries();
        this.metrics = metrics;
    }

    /** Ends a run whose read ended, by why it ended. */
    void ended(ClaimedRun run, RunSink sink, boolean workerStopping) {
        if (sink.stop() == RunSink.Stop.NONE && workerStopping) {
            leave(run);
            return;
        }
        switch (sink.stop()) {
            case LIMIT -> fail(run, sink.committed(), sink.limitError());
            case CANCELLED -> finish(run, RunStatus.CANCELLED, sink.counts(), null);
            case LEASE_LOST -> LOG.warn("Run {} attempt {} lost its lease; another worker takes it over",
                    run.runId(), run.attempt());
            case NONE -> finish(run, RunStatus.SUCCEEDED, sink.counts(), null);
        }
    }

    /**
     * Ends a run that {@code e} stopped; {@code sink} is null when the run failed before it read
     * anything.
     */
    void failed(ClaimedRun run, RunSink sink, RuntimeException e, boolean workerStopping) {
        RunCounts committed = sink == null ? RunCounts.NONE : sink.committed();
        if (e instanceof StaleAttemptException) {
            LOG.warn("Run {} attempt {} was fenced off: {}", run.runId(), run.attempt(), e.getMessage());
        } else if (e instanceof PageWriter.TooManyRecordErrors) {
            fail(run, sink.committed(), e.getMessage());
        } else if (e instanceof StorageQuotaExceededException) {
            // Not retried: the tenant's data has to shrink (retention) or its cap grow first.
            LOG.warn("Run {} stopped: {}", run.runId(), e.getMessage());
            fail(run, committed, "STORAGE_QUOTA: " + e.getMessage());
        } else if (e instanceof ConnectorException connector) {
            if (workerStopping) {
                leave(run);
            } else if (sink != null && sink.stop() == RunSink.Stop.LIMIT) {
                // Past a limit the source failed as it was stopped: the limit is the reason, not a retry.
                fail(run, sink.committed(), sink.limitError());
            } else if (RetryPolicy.retryable(connector.category())) {
                retryLater(run, committed, connector);
            } else {
                fail(run, committed, connector.category() + ": " + connector.getMessage());
            }
        } else if (workerStopping) {
            leave(run);
        } else if (RetryPolicy.lostDatabase(e)) {
            // The platform database went away (restart, failover, network): a transient failure.
            LOG.warn("Run {} attempt {} lost the database: {}", run.runId(), run.attempt(), e.getMessage());
            retryLater(run, committed, new ConnectorException(ConnectorException.Category.TRANSIENT,
                    "the platform database was unreachable during the run", e));
        } else {
            LOG.error("Run {} failed unexpectedly", run.runId(), e);
            fail(run, committed, "SYSTEM: the run failed unexpectedly");
        }
    }

    /** Leaves a run to another worker: this one is stopping. */
    void leave(ClaimedRun run) {
        LOG.info("Run {} attempt {} left to another worker: this worker is stopping", run.runId(), run.attempt());
    }

    void finish(ClaimedRun run, RunStatus status, RunCounts counts, String error) {
        leases.finish(run.runId(), run.attempt(), status, counts, error, tx -> {
            publishEnd(tx, run, status, counts, error);
            return null;
        });
        metrics.runFinished(run.tenant(), run.integrationId(), status, counts);
        if (run.trigger() == RunTrigger.RETRY) {
            inbox.reopenUnprocessed(run.tenant(), run.runId());
        }
    }

    /** run.succeeded or run.failed for subscribers, in the transaction that ends the run (not for cancelled runs). */
    private void publishEnd(RunTransaction tx, ClaimedRun run, RunStatus status, RunCounts counts, String error)
            throws SQLException {
        if (status != RunStatus.SUCCEEDED && status != RunStatus.FAILED) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", run.runId().toString());
        data.put("integrationId", run.integrationId().toString());
        data.put("trigger", run.trigger().wire());
        data.put("status", status.wire());
        data.put("read", counts.read());
        data.put("written", counts.written());
        data.put("unchanged", counts.unchanged());
        data.put("failed", counts.failed());
        if (error != null) {
            data.put("error", error.length() > 1000 ? error.substring(0, 997) + "..." : error);
        }
        data.put("link", "/api/v1/tenants/" + run.tenant().value() + "/runs/" + run.runId());
        events.publish(tx.connection(), tx.tenant(),
                status == RunStatus.SUCCEEDED ? EventTypes.RUN_SUCCEEDED : EventTypes.RUN_FAILED, data);
    }

    void fail(ClaimedRun run, RunCounts counts, String error) {
        try {
            finish(run, RunStatus.FAILED, counts, error);
        } catch (StaleAttemptException e) {
            LOG.warn("Run {} attempt {} was fenced off: {}", run.runId(), run.attempt(), e.getMessage());
        }
    }

    /** Re-queues a run that failed transiently ({@link RetryPolicy}); fails it once its re-queues are spent. */
    private void retryLater(ClaimedRun run, RunCounts counts, ConnectorException e) {
        String error = e.category() + ": " + e.getMessage();
        try {
            boolean requeued = leases.requeue(run.runId(), run.attempt(), retries.maxRetries(),
                    retries.backoff(e.retryAfter()), counts, error);
            if (requeued) {
                return;
            }
        } catch (StaleAttemptException stale) {
            LOG.warn("Run {} attempt {} was fenced off: {}", run.runId(), run.attempt(), stale.getMessage());
            return;
        } catch (RuntimeException unreachable) {
            // Not even the re-queue could be saved: the lease runs out and another worker takes the run over.
            LOG.warn("Run {} attempt {} could not be re-queued ({}); it is taken over when its lease expires",
                    run.runId(), run.attempt(), unreachable.getMessage());
            return;
        }
        fail(run, counts, error + " (gave up after " + retries.maxRetries() + " retries)");
    }
}
