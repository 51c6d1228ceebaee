package io.tillbridge.engine;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.queue.RunLeases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's source hands its records: buffers them until a checkpoint, then hands the page to
 * the {@link PageWriter} (or, for an aggregating mapping, to its {@link RunAggregation}). It asks the
 * read to stop when the run is cancelled, loses its lease, or reaches one of its {@link RunLimits}:
 * a page beyond {@code max-pages}, a record beyond {@code max-records}, or {@code max-duration}
 * spent. A page past a limit is not committed; what was committed before stays.
 */
final class RunSink implements RecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(RunSink.class);

    /** Why a read stopped early. */
    enum Stop { NONE, CANCELLED, LEASE_LOST, LIMIT }

    private final RunLeases leases;
    private final ClaimedRun run;
    private final PageWriter pages;
    private final RunAggregation aggregation;
    private final RunLimits limits;
    private final Duration lease;
    private final BooleanSupplier workerStopping;
    private final long deadline;
    private final List<SourceRecord> buffer = new ArrayList<>();
    private Checkpoint last;
    private long records;
    private int pagesDone;
    private volatile Stop stop = Stop.NONE;
    private volatile String limit;

    RunSink(RunLeases leases, ClaimedRun run, PageWriter pages, RunAggregation aggregation, RunLimits limits,
            Duration lease, BooleanSupplier workerStopping) {
        this.leases = leases;
        this.run = run;
        this.pages = pages;
        this.aggregation = aggregation;
        this.limits = limits;
        this.lease = lease;
        this.workerStopping = workerStopping;
        this.deadline = System.nanoTime() + limits.maxDuration().toNanos();
    }

    Stop stop() {
        return stop;
    }

    /** The run's error when a limit stopped it ({@code LIMIT: ...}); else null. */
    String limitError() {
        return limit;
    }

    /** Writes an aggregating run's groups, with the last checkpoint read, once the read has ended. */
    void writeGroups(String stream) {
        if (!buffer.isEmpty()) {
            if (!aggregate(List.copyOf(buffer))) {
                return;
            }
            buffer.clear();
        }
        if (!pages.page(aggregation.finish(stream), last, aggregation.read())) {
            stop = Stop.LEASE_LOST;
        }
    }

    @Override
    public void record(SourceRecord record) {
        if (stop != Stop.NONE) {
            return;
        }
        if (++records > limits.maxRecords()) {
            limit("it read more than " + limits.maxRecords() + " records (tillbridge.runs.max-records)");
            return;
        }
        buffer.add(record);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        page(checkpoint);
    }

    /** Hands the buffered records to the writer with {@code checkpoint} (null for stored records). */
    void page(Checkpoint checkpoint) {
        page(checkpoint, PageWriter.PageExtra.NONE);
    }

    /**
     * {@link #page(Checkpoint)} that also applies {@code extra} in the page's transaction; answers
     * whether the page committed.
     */
    boolean page(Checkpoint checkpoint, PageWriter.PageExtra extra) {
        if (stop != Stop.NONE || overTime()) {
            return false;
        }
        if (pagesDone >= limits.maxPages()) {
            limit("it read more than " + limits.maxPages() + " pages (tillbridge.runs.max-pages)");
            return false;
        }
        List<SourceRecord> page = List.copyOf(buffer);
        buffer.clear();
        if (aggregation != null) {
            // Groups are written once the whole source was read; nothing commits before.
            if (!aggregate(page)) {
                return false;
            }
            last = checkpoint;
        } else if (!pages.page(page, checkpoint, page.size(), extra)) {
            stop = Stop.LEASE_LOST;
            return false;
        }
        pagesDone++;
        if (leases.cancelRequested(run.runId())) {
            stop = Stop.CANCELLED;
        }
        return true;
    }

    private boolean aggregate(List<SourceRecord> page) {
        try {
            aggregation.add(page);
            return true;
        } catch (RunAggregation.TooLarge e) {
            limit(e.getMessage());
            return false;
        }
    }

    @Override
    public boolean stopRequested() {
        return stop != Stop.NONE || overTime() || workerStopping.getAsBoolean();
    }

    /** Renews the lease; called by the worker's timer, which also notices a run past its time. */
    void renew() {
        try {
            if (overTime()) {
                return;
            }
            if (stop == Stop.NONE && !leases.renew(run.runId(), run.attempt(), lease)) {
                stop = Stop.LEASE_LOST;
            }
        } catch (RuntimeException e) {
            LOG.warn("Run {}: lease renewal failed: {}", run.runId(), e.getMessage());
        }
    }

    private boolean overTime() {
        if (stop == Stop.NONE && System.nanoTime() - deadline > 0) {
            limit("it ran longer than " + readable(limits.maxDuration()) + " (tillbridge.runs.max-duration)");
        }
        return stop == Stop.LIMIT;
    }

    private static String readable(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    private synchronized void limit(String why) {
        if (stop == Stop.NONE) {
            limit = "LIMIT: the run stopped because " + why + (aggregation != null
                    ? ". An aggregating run reads its whole source each time and wrote nothing: narrow the source"
                            + " or have the operator raise the limit."
                    : ". What it committed before stays committed, and the next run goes on from its last checkpoint.");
            stop = Stop.LIMIT;
            LOG.info("Run {} attempt {} reached a limit: {}", run.runId(), run.attempt(), why);
        }
    }

    RunCounts counts() {
        return pages.counts();
    }

    RunCounts committed() {
        return pages.committed();
    }
}
