package io.tillbridge.engine;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.integrations.Integration;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.runs.queue.StaleAttemptException;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a prepared run (DD-012): reads the integration's source stream from the run's resume
 * checkpoint (or, for a retry or replay run, the {@link StoredRecords} it is to re-process) into a
 * {@link RunSink}, which buffers records until the connector emits a checkpoint and hands each page
 * to a {@link PageWriter}; an aggregating run writes its groups once the read has ended. While it
 * reads, the run's heartbeat renews its lease. How the run then ends is {@link RunOutcome}'s.
 * <p>
 * The CPU time of the thread that reads, maps and writes (the JVM's thread CPU time, rounded up to
 * the millisecond; the heartbeat's thread is not counted) is added to the run's record as the
 * attempt ends, before it is finished or re-queued; the cost per 1,000 records of the KPIs is
 * computed from it.
 */
@Singleton
class RunExecution {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final RunPoller poller;
    private final RunConnectors connectors;
    private final PageStores stores;
    private final StoredRecords stored;
    private final RunOutcome outcome;
    private final RunLimits limits;
    private final WorkerSettings settings;
    private final VendorChangeDrain drain;

    RunExecution(RunPoller poller, RunConnectors connectors, PageStores stores, StoredRecords stored,
            RunOutcome outcome, RunLimits limits, WorkerSettings settings, VendorChangeDrain drain) {
        this.drain = drain;
        this.poller = poller;
        this.connectors = connectors;
        this.stores = stores;
        this.stored = stored;
        this.outcome = outcome;
        this.limits = limits;
        this.settings = settings;
    }

    /** Executes the run to its end, or until its attempt is fenced off. */
    void execute(PreparedRun prepared) {
        ClaimedRun run = prepared.run();
        Integration integration = prepared.integration();
        RunAggregation aggregation = prepared.mapping().aggregation();
        RunSink sink = null;
        ScheduledFuture<?> heartbeat = null;
        long cpuAtStart = cpuNanos();
        try {
            try (TargetConnector<Record> writer = connectors.target(prepared.target())) {
                RunLeases leases = stores.leases();
                PageWriter pages = new PageWriter(stores, run, integration, prepared.mapping().mapper(), prepared.target().config(),
                        writer, settings.writeRetries(),
                        () -> leases.renew(run.runId(), run.attempt(), settings.lease()), prepared.committed());
                sink = new RunSink(leases, run, pages, aggregation, limits, settings.lease(), poller::stopping);
                heartbeat = poller.heartbeat(sink::renew);
                if (prepared.source() != null) {
                    try (SourceConnector<Record> reader = connectors.source(prepared.source())) {
                        // An aggregating run recomputes its groups from every record: it reads from the start.
                        Checkpoint from = aggregation != null ? null : run.resumeFrom().orElse(null);
                        // A webhook run of a connection with vendor webhooks writes what the events named (DD-028).
                        boolean read = !drain.drains(prepared) || drain.drain(prepared, reader, sink);
                        if (read && sink.stop() == RunSink.Stop.NONE) {
                            reader.read(prepared.source().config(), integration.sourceStream(), from, sink);
                        }
                    }
                    if (aggregation != null && sink.stop() == RunSink.Stop.NONE && !poller.stopping()) {
                        sink.writeGroups(integration.sourceStream());
                    }
                } else {
                    stored.feed(prepared, sink);
                }
            }
            heartbeat.cancel(false);
            if (sink.stop() != RunSink.Stop.LEASE_LOST) {
                addCpuTime(run, cpuAtStart);
            }
            outcome.ended(run, sink, poller.stopping());
        } catch (RuntimeException e) {
            // Not when the database went away: saving the figure would only wait for it a second time.
            if (!fencedOff(e) && !RetryPolicy.lostDatabase(e)) {
                addCpuTime(run, cpuAtStart);
            }
            outcome.failed(run, sink, e, poller.stopping());
        } finally {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
    }

    /** Adds the CPU time this thread took since {@code cpuAtStart} to the run; a failure to do so only loses the figure. */
    private void addCpuTime(ClaimedRun run, long cpuAtStart) {
        long nanos = cpuNanos() - cpuAtStart;
        if (cpuAtStart < 0 || nanos <= 0) {
            return;
        }
        try {
            stores.leases().addCpuTime(run.runId(), run.attempt(), (nanos + 999_999) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("Run {} attempt {}: its CPU time was not saved: {}", run.runId(), run.attempt(), e.getMessage());
        }
    }

    /** Whether {@code e} (or what caused it) says that another attempt owns the run now. */
    private static boolean fencedOff(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StaleAttemptException) {
                return true;
            }
        }
        return false;
    }

    /** The current thread's CPU time in nanoseconds; -1 where the JVM does not measure it. */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
                ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
