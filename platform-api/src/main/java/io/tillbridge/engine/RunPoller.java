package io.tillbridge.engine;

import io.micronaut.context.annotation.Requires;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's claims and threads (DD-010, DD-018): every {@code tillbridge.worker.poll-interval}
 * it claims at most as many runs as it has free threads (and {@code max-runs-per-poll}) and executes
 * each on a pool of {@code tillbridge.worker.threads}; it keeps the heartbeat of each run in flight,
 * which renews the run's lease every third of {@code tillbridge.worker.lease}; and it stops claiming
 * when the worker stops.
 */
@Singleton
@Requires(property = "tillbridge.roles.worker", value = "true", defaultValue = "true")
class RunPoller {

    private static final Logger LOG = LoggerFactory.getLogger(RunPoller.class);

    private final RunLeases leases;
    private final RunOutcome outcome;
    private final WorkerSettings settings;
    private final String workerId = "worker-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;
    /** Polls and heartbeats. */
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "run-worker");
        thread.setDaemon(true);
        return thread;
    });
    /** Executes claimed runs, {@code tillbridge.worker.threads} at once. */
    private final ExecutorService runs;
    private final AtomicInteger busy = new AtomicInteger();

    RunPoller(RunLeases leases, RunOutcome outcome, WorkerSettings settings) {
        this.leases = leases;
        this.outcome = outcome;
        this.settings = settings;
        AtomicInteger numbered = new AtomicInteger();
        this.runs = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread thread = new Thread(r, "run-" + numbered.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts polling, when {@code tillbridge.worker.polling} is on; each claimed run goes to {@code execute}. */
    void start(Consumer<ClaimedRun> execute) {
        if (settings.polling()) {
            long every = settings.pollInterval().toMillis();
            timer.scheduleWithFixedDelay(() -> poll(execute), every, every, TimeUnit.MILLISECONDS);
            LOG.info("Run worker {} polls every {} and runs up to {} runs at once", workerId, settings.pollInterval(),
                    settings.threads());
        }
    }

    /** True once the worker is stopping: runs in flight stop at their next record and are left. */
    boolean stopping() {
        return stopping;
    }

    /** Calls {@code renew} every third of the lease until the answered future is cancelled. */
    ScheduledFuture<?> heartbeat(Runnable renew) {
        long every = settings.heartbeat().toMillis();
        return timer.scheduleWithFixedDelay(renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops claiming; waits a little for the runs in flight to stop. */
    void stop() {
        stopping = true;
        timer.shutdown();
        runs.shutdown();
        try {
            if (!runs.awaitTermination(10, TimeUnit.SECONDS)) {
                runs.shutdownNow();
            }
            if (!timer.awaitTermination(1, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            runs.shutdownNow();
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One poll. Work-conserving: when it claimed as many as one poll may while threads are still
     * free, it polls again at once, and every run that ends polls again for its thread, so that a
     * backlog (a burst of webhook runs over many tenants) drains at the speed of the runs, not one
     * poll interval at a time. An empty queue costs one claim per interval, as before.
     */
    private void poll(Consumer<ClaimedRun> execute) {
        try {
            List<Future<?>> started = claimAndStart(execute, true);
            if (started.size() == settings.maxRunsPerPoll() && settings.threads() - busy.get() > 0 && !stopping) {
                pollSoon(execute);
            }
        } catch (RuntimeException e) {
            LOG.error("Run worker {}: poll failed", workerId, e);
        }
    }

    /** Claims what runs it can, executes them, and waits until they have ended; answers how many it claimed. */
    int runOnce(Consumer<ClaimedRun> execute) {
        List<Future<?>> started = claimAndStart(execute, false);
        for (Future<?> run : started) {
            try {
                run.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.error("Run worker {}: a run failed unexpectedly", workerId, e.getCause());
            }
        }
        return started.size();
    }

    private void pollSoon(Consumer<ClaimedRun> execute) {
        try {
            timer.execute(() -> poll(execute));
        } catch (RejectedExecutionException e) {
            // stopping: the timer no longer takes work
        }
    }

    /** Claims at most as many runs as threads are free (and max-runs-per-poll) and starts them; one claim at a time, so that two polls never claim the same free thread. */
    private synchronized List<Future<?>> claimAndStart(Consumer<ClaimedRun> execute, boolean pollWhenDone) {
        int free = settings.threads() - busy.get();
        if (stopping || free < 1) {
            return List.of();
        }
        List<ClaimedRun> claimed = leases.claim(workerId, settings.lease(), Math.min(free, settings.maxRunsPerPoll()));
        List<Future<?>> started = new ArrayList<>(claimed.size());
        for (ClaimedRun run : claimed) {
            busy.incrementAndGet();
            try {
                started.add(runs.submit(() -> {
                    try {
                        execute.accept(run);
                    } finally {
                        busy.decrementAndGet();
                        if (pollWhenDone && !stopping) {
                            pollSoon(execute);
                        }
                    }
                }));
            } catch (RejectedExecutionException e) {
                busy.decrementAndGet();
                outcome.leave(run);
            }
        }
        return started;
    }
}
