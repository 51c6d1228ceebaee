package io.tillbridge.engine;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.runs.ClaimedRun;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunQueue;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.runs.StaleAttemptException;
import io.tillbridge.shadow.ShadowChanges;
import io.tillbridge.storage.StorageQuota;
import io.tillbridge.storage.StorageQuotaExceededException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims queued runs and executes them (the worker role). A run reads the integration's source
 * stream from the run's resume checkpoint (or, for a retry or replay run, the stored source records
 * it is to re-process), buffers records until the connector emits a checkpoint, and hands each page
 * to a {@link PageWriter}: mapping, the exactly-once ledger, the target write (or, in shadow mode,
 * the comparison with the target's current rows) and one fenced commit of checkpoint, counts,
 * ledger entries, record errors and shadow changes. Between pages it renews the lease (a stale
 * attempt writes nothing further) and honours cancel requests. Runs execute on a bounded pool of
 * {@code tillbridge.worker.threads}; a worker claims only as many runs as it has free threads, and
 * each run stops with {@code LIMIT} at its {@link RunLimits} (DD-018).
 *
 * <p>A connector exception fails the run with its category and message, except a transient one
 * (TRANSIENT or a rate limit): the run is then re-queued with exponential back-off and jitter, not
 * to be claimed before it is due, up to {@code tillbridge.worker.max-retries} times (DD-012).
 */
@Singleton
@Requires(property = "tillbridge.roles.worker", value = "true", defaultValue = "true")
public class RunWorker {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    /** Stored records handed to the page writer at a time by retry and replay runs. */
    private static final int STORED_PAGE = 500;

    private final RunQueue queue;
    private final RunHistory history;
    private final IntegrationService integrations;
    private final ConnectionService connections;
    private final ConnectorConfigs configs;
    private final Ledger ledger;
    private final ErrorInbox inbox;
    private final ShadowChanges shadowChanges;
    private final StorageQuota storage;
    private final ConnectorContexts contexts;
    private final MappingVersions mappings;
    private final Duration pollInterval;
    private final Duration lease;
    private final int maxRunsPerPoll;
    private final int threads;
    private final boolean polling;
    private final RunLimits limits;
    private final RetryPolicy retries;
    private final PageWriter.WriteRetries writeRetries;
    private final String workerId = "worker-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "run-worker");
        thread.setDaemon(true);
        return thread;
    });
    /** Executes claimed runs, {@code tillbridge.worker.threads} at once. */
    private final ExecutorService runs;
    private final AtomicInteger busy = new AtomicInteger();

    public RunWorker(RunQueue queue, RunHistory history, IntegrationService integrations, ConnectionService connections,
            ConnectorConfigs configs, ConnectorContexts contexts, MappingVersions mappings, Ledger ledger, ErrorInbox inbox,
            ShadowChanges shadowChanges, StorageQuota storage, RunLimits limits,
            @Value("${tillbridge.worker.threads:4}") int threads,
            @Value("${tillbridge.quotas.max-back-off:1h}") Duration maxBackOff,
            @Value("${tillbridge.worker.poll-interval:1s}") Duration pollInterval,
            @Value("${tillbridge.worker.lease:60s}") Duration lease,
            @Value("${tillbridge.worker.max-runs-per-poll:2}") int maxRunsPerPoll,
            @Value("${tillbridge.worker.polling:true}") boolean polling,
            @Value("${tillbridge.worker.max-retries:3}") int maxRetries,
            @Value("${tillbridge.worker.retry-delay:30s}") Duration retryDelay,
            @Value("${tillbridge.worker.max-retry-delay:15m}") Duration maxRetryDelay,
            @Value("${tillbridge.worker.write-attempts:3}") int writeAttempts,
            @Value("${tillbridge.worker.write-retry-delay:1s}") Duration writeRetryDelay) {
        if (pollInterval.isNegative() || pollInterval.isZero() || lease.toMillis() < 3 || maxRunsPerPoll < 1
                || threads < 1) {
            throw new IllegalArgumentException("tillbridge.worker: poll-interval and lease must be positive,"
                    + " max-runs-per-poll and threads at least 1");
        }
        if (maxRetries < 0 || writeAttempts < 1 || retryDelay.isNegative() || maxRetryDelay.isNegative()
                || writeRetryDelay.isNegative()) {
            throw new IllegalArgumentException("tillbridge.worker: max-retries must be at least 0, write-attempts at"
                    + " least 1, and the delays not negative");
        }
        this.queue = queue;
        this.history = history;
        this.integrations = integrations;
        this.connections = connections;
        this.configs = configs;
        this.ledger = ledger;
        this.inbox = inbox;
        this.shadowChanges = shadowChanges;
        this.storage = storage;
        this.contexts = contexts;
        this.mappings = mappings;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.maxRunsPerPoll = maxRunsPerPoll;
        this.threads = threads;
        this.polling = polling;
        this.limits = limits;
        this.retries = new RetryPolicy(maxRetries, retryDelay, maxRetryDelay, maxBackOff);
        AtomicInteger numbered = new AtomicInteger();
        this.runs = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "run-" + numbered.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.writeRetries = new PageWriter.WriteRetries(writeAttempts, writeRetryDelay,
                Duration.ofMillis(lease.toMillis() / 3));
    }

    @EventListener
    void start(StartupEvent event) {
        if (polling) {
            executor.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info("Run worker {} polls every {} and runs up to {} runs at once", workerId, pollInterval, threads);
        }
    }

    /**
     * Stops claiming runs. A run in flight stops at its next record, keeps what it committed and is
     * not finished: its lease runs out and another worker takes it over from its last checkpoint.
     */
    @PreDestroy
    public void stop() {
        stopping = true;
        executor.shutdown();
        runs.shutdown();
        try {
            if (!runs.awaitTermination(10, TimeUnit.SECONDS)) {
                runs.shutdownNow();
            }
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            runs.shutdownNow();
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            claimAndStart();
        } catch (RuntimeException e) {
            LOG.error("Run worker {}: poll failed", workerId, e);
        }
    }

    /**
     * Claims what runs it can, executes them on the worker's threads, and waits until they have
     * ended; answers how many it claimed. (Polling does the same without waiting.)
     */
    public int runOnce() {
        List<Future<?>> started = claimAndStart();
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

    /** Claims at most as many runs as threads are free (and max-runs-per-poll) and starts them. */
    private List<Future<?>> claimAndStart() {
        int free = threads - busy.get();
        if (stopping || free < 1) {
            return List.of();
        }
        List<ClaimedRun> claimed = queue.claim(workerId, lease, Math.min(free, maxRunsPerPoll));
        List<Future<?>> started = new ArrayList<>(claimed.size());
        for (ClaimedRun run : claimed) {
            busy.incrementAndGet();
            try {
                started.add(runs.submit(() -> {
                    try {
                        execute(run);
                    } finally {
                        busy.decrementAndGet();
                    }
                }));
            } catch (RejectedExecutionException e) {
                busy.decrementAndGet();
                leave(run);
            }
        }
        return started;
    }

    /** Executes one claimed run to its end, or until its attempt is fenced off. */
    public void execute(ClaimedRun run) {
        RunSink sink = null;
        ScheduledFuture<?> renewal = null;
        try {
            if (stopping) {
                leave(run);
                return;
            }
            if (run.cancelRequested()) {
                finish(run, RunStatus.CANCELLED, RunCounts.NONE, null);
                return;
            }
            Optional<Integration> found = integrations.find(run.tenant(), run.integrationId());
            if (found.isEmpty()) {
                fail(run, RunCounts.NONE, "CONFIG: the integration no longer exists");
                return;
            }
            Integration integration = found.get();
            if (integration.paused()) {
                // Queued before the pause: a paused integration moves nothing until it is resumed.
                finish(run, RunStatus.CANCELLED, RunCounts.NONE, "the integration was paused before the run started");
                return;
            }
            RunMapping mapping = RunMapping.of(mappings, run, integration, limits);
            if (mapping.refusal() != null) {
                fail(run, RunCounts.NONE, mapping.refusal());
                return;
            }
            RecordMapper mapper = mapping.mapper();
            RunAggregation aggregation = mapping.aggregation();
            BoundConfig source = run.trigger().readsSource() ? bound(run, integration.sourceConnectionId(), "source")
                    : null;
            BoundConfig target = bound(run, integration.targetConnectionId(), "target");
            if ((source == null && run.trigger().readsSource()) || target == null) {
                return;
            }
            RunCounts committed = history.find(run.tenant(), run.runId()).map(Run::counts).orElse(RunCounts.NONE);
            try (TargetConnector<Record> writer = target(target)) {
                PageWriter pages = new PageWriter(queue, ledger, inbox, shadowChanges, storage, run, integration,
                        mapper, target.config(), writer, writeRetries, () -> queue.renew(run.runId(), run.attempt(), lease),
                        committed);
                sink = new RunSink(queue, run, pages, aggregation, limits, lease, () -> stopping);
                RunSink current = sink;
                long every = Math.max(1, lease.toMillis() / 3);
                renewal = executor.scheduleWithFixedDelay(current::renew, every, every, TimeUnit.MILLISECONDS);
                if (source != null) {
                    try (SourceConnector<Record> reader = source(source)) {
                        // An aggregating run recomputes its groups from every record: it reads from the start.
                        Checkpoint from = aggregation != null ? null : run.resumeFrom().orElse(null);
                        reader.read(source.config(), integration.sourceStream(), from, sink);
                    }
                    if (aggregation != null && sink.stop() == RunSink.Stop.NONE && !stopping) {
                        sink.writeGroups(integration.sourceStream());
                    }
                } else {
                    processStored(run, sink);
                }
            }
            renewal.cancel(false);
            if (sink.stop() == RunSink.Stop.NONE && stopping) {
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
        } catch (StaleAttemptException e) {
            LOG.warn("Run {} attempt {} was fenced off: {}", run.runId(), run.attempt(), e.getMessage());
        } catch (PageWriter.TooManyRecordErrors e) {
            fail(run, sink.committed(), e.getMessage());
        } catch (StorageQuotaExceededException e) {
            // Not retried: the tenant's data has to shrink (retention) or its cap grow first.
            LOG.warn("Run {} stopped: {}", run.runId(), e.getMessage());
            fail(run, sink == null ? RunCounts.NONE : sink.committed(), "STORAGE_QUOTA: " + e.getMessage());
        } catch (ConnectorException e) {
            if (stopping) {
                leave(run);
            } else if (sink != null && sink.stop() == RunSink.Stop.LIMIT) {
                // Past a limit the source failed as it was stopped: the limit is the reason, not a retry.
                fail(run, sink.committed(), sink.limitError());
            } else if (RetryPolicy.retryable(e.category())) {
                retryLater(run, sink == null ? RunCounts.NONE : sink.committed(), e);
            } else {
                fail(run, sink == null ? RunCounts.NONE : sink.committed(), e.category() + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            if (stopping) {
                leave(run);
                return;
            }
            RunCounts committed = sink == null ? RunCounts.NONE : sink.committed();
            if (RetryPolicy.lostDatabase(e)) {
                // The platform database went away (restart, failover, network): a transient failure.
                LOG.warn("Run {} attempt {} lost the database: {}", run.runId(), run.attempt(), e.getMessage());
                retryLater(run, committed, new ConnectorException(ConnectorException.Category.TRANSIENT,
                        "the platform database was unreachable during the run", e));
                return;
            }
            LOG.error("Run {} failed unexpectedly", run.runId(), e);
            fail(run, committed, "SYSTEM: the run failed unexpectedly");
        } finally {
            if (renewal != null) {
                renewal.cancel(false);
            }
        }
    }

    /** Feeds a retry or replay run's stored source records to the sink, a page at a time. */
    private void processStored(ClaimedRun run, RunSink sink) {
        String after = null;
        while (!sink.stopRequested()) {
            List<SourceRecord> records = run.trigger() == RunTrigger.RETRY
                    ? inbox.recordsToRetry(run.tenant(), run.runId(), after, STORED_PAGE)
                    : history.storedRecords(run.tenant(), replayed(run), after, STORED_PAGE);
            if (records.isEmpty()) {
                return;
            }
            records.forEach(sink::record);
            sink.page(null);
            after = records.get(records.size() - 1).key();
        }
    }

    private UUID replayed(ClaimedRun run) {
        return history.find(run.tenant(), run.runId()).map(r -> r.replayOf())
                .orElseThrow(() -> new IllegalStateException("run " + run.runId() + " has no record of what it replays"));
    }

    private void leave(ClaimedRun run) {
        LOG.info("Run {} attempt {} left to another worker: this worker is stopping", run.runId(), run.attempt());
    }

    private BoundConfig bound(ClaimedRun run, UUID connectionId, String what) {
        BoundConfig bound;
        try {
            bound = connections.bind(run.tenant(), connectionId);
        } catch (ProblemException e) {
            fail(run, RunCounts.NONE, "CONFIG: the " + what + " connection " + connectionId + " cannot be used: "
                    + e.getMessage());
            return null;
        }
        if (bound.config() == null) {
            fail(run, RunCounts.NONE, "CONFIG: the " + what + " connection: " + bound.problem());
            return null;
        }
        return bound;
    }

    /** Re-queues a run that failed transiently ({@link RetryPolicy}); fails it once its re-queues are spent. */
    private void retryLater(ClaimedRun run, RunCounts counts, ConnectorException e) {
        String error = e.category() + ": " + e.getMessage();
        try {
            boolean requeued = queue.requeue(run.runId(), run.attempt(), retries.maxRetries(),
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

    private void finish(ClaimedRun run, RunStatus status, RunCounts counts, String error) {
        queue.finish(run.runId(), run.attempt(), status, counts, error);
        if (run.trigger() == RunTrigger.RETRY) {
            inbox.reopenUnprocessed(run.tenant(), run.runId());
        }
    }

    private void fail(ClaimedRun run, RunCounts counts, String error) {
        try {
            finish(run, RunStatus.FAILED, counts, error);
        } catch (StaleAttemptException e) {
            LOG.warn("Run {} attempt {} was fenced off: {}", run.runId(), run.attempt(), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private SourceConnector<Record> source(BoundConfig bound) {
        return (SourceConnector<Record>) contexts.lend(configs.registry().create(bound.spec().id()), bound);
    }

    @SuppressWarnings("unchecked")
    private TargetConnector<Record> target(BoundConfig bound) {
        return (TargetConnector<Record>) contexts.lend(configs.registry().create(bound.spec().id()), bound);
    }
}
