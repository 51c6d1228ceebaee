package io.tillbridge.engine;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.queue.ClaimedRun;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The worker role: claims queued runs and executes them. Its parts, in the order a run meets them:
 * {@link RunPoller} claims runs as threads are free and keeps their leases alive;
 * {@link RunPreparation} loads the integration, its mapping and connections; {@link RunExecution}
 * reads the source (or stored records) and writes page by page through the ledger; and
 * {@link RunOutcome} ends the run: succeeded, cancelled, failed, re-queued with back-off, or left
 * to another worker. Settings are {@code tillbridge.worker.*} ({@link WorkerSettings}); each run
 * stops with {@code LIMIT} at its {@link RunLimits} (DD-018).
 */
@Singleton
@Requires(property = "tillbridge.roles.worker", value = "true", defaultValue = "true")
public class RunWorker {

    private final RunPoller poller;
    private final RunPreparation preparation;
    private final RunExecution execution;
    private final RunOutcome outcome;

    RunWorker(RunPoller poller, RunPreparation preparation, RunExecution execution, RunOutcome outcome) {
        this.poller = poller;
        this.preparation = preparation;
        this.execution = execution;
        this.outcome = outcome;
    }

    @EventListener
    void start(StartupEvent event) {
        poller.start(this::execute);
    }

    /**
     * Stops claiming runs. A run in flight stops at its next record, keeps what it committed and is
     * not finished: its lease runs out and another worker takes it over from its last checkpoint.
     */
    @PreDestroy
    public void stop() {
        poller.stop();
    }

    /**
     * Claims what runs it can, executes them on the worker's threads, and waits until they have
     * ended; answers how many it claimed. (Polling does the same without waiting.)
     */
    public int runOnce() {
        return poller.runOnce(this::execute);
    }

    /** Executes one claimed run to its end, or until its attempt is fenced off. */
    public void execute(ClaimedRun run) {
        Optional<PreparedRun> prepared;
        try {
            if (poller.stopping()) {
                outcome.leave(run);
                return;
            }
            if (run.cancelRequested()) {
                outcome.finish(run, RunStatus.CANCELLED, RunCounts.NONE, null);
                return;
            }
            prepared = preparation.prepare(run);
        } catch (RuntimeException e) {
            outcome.failed(run, null, e, poller.stopping());
            return;
        }
        prepared.ifPresent(execution::execute);
    }
}
