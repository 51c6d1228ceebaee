package io.tillbridge.engine;

import io.tillbridge.runs.ClaimedRun;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunQueue;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.StaleAttemptException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims queued runs and executes them (the worker role). A run reads the integration's source
 * stream from the run's resume checkpoint, buffers records until the connector emits a checkpoint,
 * writes the buffered batch to the target (identity mapping: the record's fields as they are, the
 * source key as the idempotency key), then commits the checkpoint and counts, fenced by the run's
 * attempt. Between pages it renews the lease (which also checks the attempt still owns the run:
 * a stale attempt writes nothing further) and honours cancel requests. A connector exception fails
 * the run with its category and message; the timeouts of every call are the connectors' own.
 *
 * <p>Not here yet: retries of TRANSIENT failures, the error inbox for rejected records (they are
 * only counted as failed), shadow mode, and mappings other than identity.
 */
@Singleton
@Requires(property = "tillbridge.roles.worker", value = "true", defaultValue = "true")
public class RunWorker {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    private final RunQueue queue;
    private final IntegrationService integrations;
    private final ConnectionService connections;
    private final ConnectorConfigs configs;
    private final Duration pollInterval;
    private final Duration lease;
    private final int maxRunsPerPoll;
    private final boolean polling;
    private final String workerId = "worker-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "run-worker");
        thread.setDaemon(true);
        return thread;
    });

    public RunWorker(RunQueue queue, IntegrationService integrations, ConnectionService connections,
            ConnectorConfigs configs,
            @Value("${tillbridge.worker.poll-interval:1s}") Duration pollInterval,
            @Value("${tillbridge.worker.lease:60s}") Duration lease,
            @Value("${tillbridge.worker.max-runs-per-poll:2}") int maxRunsPerPoll,
            @Value("${tillbridge.worker.polling:true}") boolean polling) {
        if (pollInterval.isNegative() || pollInterval.isZero() || lease.toMillis() < 3 || maxRunsPerPoll < 1) {
            throw new IllegalArgumentException("tillbridge.worker: poll-interval and lease must be positive,"
                    + " max-runs-per-poll at least 1");
        }
        this.queue = queue;
        this.integrations = integrations;
        this.connections = connections;
        this.configs = configs;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.maxRunsPerPoll = maxRunsPerPoll;
        this.polling = polling;
    }

    @EventListener
    void start(StartupEvent event) {
        if (polling) {
            executor.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info("Run worker {} polls every {}", workerId, pollInterval);
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
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.error("Run worker {}: poll failed", workerId, e);
        }
    }

    /** Claims what runs it can and executes them one after the other; answers how many it claimed. */
    public int runOnce() {
        if (stopping) {
            return 0;
        }
        List<ClaimedRun> claimed = queue.claim(workerId, lease, maxRunsPerPoll);
        for (ClaimedRun run : claimed) {
            execute(run);
        }
        return claimed.size();
    }

    /** Why a read stopped early. */
    private enum Stop { NONE, CANCELLED, LEASE_LOST }

    /** Executes one claimed run to its end, or until its attempt is fenced off. */
    public void execute(ClaimedRun run) {
        Sink sink = null;
        ScheduledFuture<?> renewal = null;
        try {
            if (stopping) {
                leave(run);
                return;
            }
            if (run.cancelRequested()) {
                queue.finish(run.runId(), run.attempt(), RunStatus.CANCELLED, RunCounts.NONE, null);
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
                queue.finish(run.runId(), run.attempt(), RunStatus.CANCELLED, RunCounts.NONE,
                        "the integration was paused before the run started");
                return;
            }
            BoundConfig source = bound(run, integration.sourceConnectionId(), "source");
            BoundConfig target = bound(run, integration.targetConnectionId(), "target");
            if (source == null || target == null) {
                return;
            }
            // A run taken over resumes from its last checkpoint: its counts go on from what that checkpoint covers.
            RunCounts committed = queue.find(run.tenant(), run.runId()).map(Run::counts).orElse(RunCounts.NONE);
            try (SourceConnector<Record> reader = source(source); TargetConnector<Record> writer = target(target)) {
                sink = new Sink(run, integration, target.config(), writer, committed);
                Sink current = sink;
                long every = Math.max(1, lease.toMillis() / 3);
                renewal = executor.scheduleWithFixedDelay(current::renew, every, every, TimeUnit.MILLISECONDS);
                reader.read(source.config(), integration.sourceStream(), run.resumeFrom().orElse(null), sink);
            }
            renewal.cancel(false);
            if (sink.stop == Stop.NONE && stopping) {
                leave(run);
                return;
            }
            switch (sink.stop) {
                case CANCELLED -> queue.finish(run.runId(), run.attempt(), RunStatus.CANCELLED, sink.counts(), null);
                case LEASE_LOST -> LOG.warn("Run {} attempt {} lost its lease; another worker takes it over",
                        run.runId(), run.attempt());
                case NONE -> queue.finish(run.runId(), run.attempt(), RunStatus.SUCCEEDED, sink.counts(), null);
            }
        } catch (StaleAttemptException e) {
            LOG.warn("Run {} attempt {} was fenced off: {}", run.runId(), run.attempt(), e.getMessage());
        } catch (ConnectorException e) {
            if (stopping) {
                leave(run);
            } else {
                fail(run, sink == null ? RunCounts.NONE : sink.committed(), e.category() + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            if (stopping) {
                leave(run);
                return;
            }
            LOG.error("Run {} failed unexpectedly", run.runId(), e);
            fail(run, sink == null ? RunCounts.NONE : sink.committed(), "SYSTEM: the run failed unexpectedly");
        } finally {
            if (renewal != null) {
                renewal.cancel(false);
            }
        }
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

    private void fail(ClaimedRun run, RunCounts counts, String error) {
        try {
            queue.finish(run.runId(), run.attempt(), RunStatus.FAILED, counts, error);
        } catch (StaleAttemptException e) {
            LOG.warn("Run {} attempt {} was fenced off: {}", run.runId(), run.attempt(), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private SourceConnector<Record> source(BoundConfig bound) {
        return (SourceConnector<Record>) configs.registry().create(bound.spec().id());
    }

    @SuppressWarnings("unchecked")
    private TargetConnector<Record> target(BoundConfig bound) {
        return (TargetConnector<Record>) configs.registry().create(bound.spec().id());
    }

    /** Buffers records until a checkpoint, then writes them and commits the checkpoint with the counts. */
    private final class Sink implements RecordSink {

        private final ClaimedRun run;
        private final Integration integration;
        private final Record targetConfig;
        private final TargetConnector<Record> writer;
        private final List<SourceRecord> buffer = new ArrayList<>();
        private long read;
        private long written;
        private long unchanged;
        private long failed;
        private volatile Stop stop = Stop.NONE;
        private RunCounts committed;

        Sink(ClaimedRun run, Integration integration, Record targetConfig, TargetConnector<Record> writer,
                RunCounts committed) {
            this.run = run;
            this.integration = integration;
            this.targetConfig = targetConfig;
            this.writer = writer;
            this.read = committed.read();
            this.written = committed.written();
            this.unchanged = committed.unchanged();
            this.failed = committed.failed();
            this.committed = committed;
        }

        @Override
        public void record(SourceRecord record) {
            buffer.add(record);
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            if (stop != Stop.NONE) {
                return;
            }
            // Renewing also checks that this attempt still owns the run: a stale one writes nothing.
            if (!queue.renew(run.runId(), run.attempt(), lease)) {
                stop = Stop.LEASE_LOST;
                buffer.clear();
                return;
            }
            if (!buffer.isEmpty()) {
                List<WriteRecord> batch = buffer.stream()
                        .map(r -> new WriteRecord(r.key(), "", r.data()))
                        .toList();
                List<WriteResult> results = writer.write(targetConfig, integration.targetObject(), batch);
                if (results.size() != batch.size()) {
                    throw new ConnectorException(ConnectorException.Category.SYSTEM, "the target answered "
                            + results.size() + " results for " + batch.size() + " records");
                }
                for (WriteResult result : results) {
                    switch (result.outcome()) {
                        case WRITTEN -> written++;
                        case UNCHANGED -> unchanged++;
                        case REJECTED -> failed++;
                    }
                }
                read += batch.size();
                buffer.clear();
            }
            RunCounts counts = counts();
            queue.commit(run.runId(), run.attempt(), tx -> {
                tx.saveCheckpoint(checkpoint);
                tx.saveCounts(counts);
                return null;
            });
            committed = counts;
            if (queue.cancelRequested(run.runId())) {
                stop = Stop.CANCELLED;
            }
        }

        @Override
        public boolean stopRequested() {
            return stop != Stop.NONE || stopping;
        }

        void renew() {
            try {
                if (stop == Stop.NONE && !queue.renew(run.runId(), run.attempt(), lease)) {
                    stop = Stop.LEASE_LOST;
                }
            } catch (RuntimeException e) {
                LOG.warn("Run {}: lease renewal failed: {}", run.runId(), e.getMessage());
            }
        }

        RunCounts counts() {
            return new RunCounts(read, written, unchanged, failed);
        }

        /** The counts the last commit saved: a failed run keeps these, its uncommitted batch is read again. */
        RunCounts committed() {
            return committed;
        }
    }
}
