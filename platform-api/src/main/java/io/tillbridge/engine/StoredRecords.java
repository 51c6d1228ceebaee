package io.tillbridge.engine;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.runs.queue.ClaimedRun;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * The source records a run re-processes instead of reading its source: a retry run those of the
 * record errors it was queued for, a replay run those the replayed run stored.
 */
@Singleton
class StoredRecords {

    /** Stored records handed to the page writer at a time. */
    private static final int PAGE = 500;

    private final RunHistory history;
    private final ErrorInbox inbox;

    StoredRecords(RunHistory history, ErrorInbox inbox) {
        this.history = history;
        this.inbox = inbox;
    }

    /** Feeds the run's stored records to {@code sink}, a page at a time, until they end or the sink stops. */
    void feed(PreparedRun prepared, RunSink sink) {
        ClaimedRun run = prepared.run();
        String after = null;
        while (!sink.stopRequested()) {
            List<SourceRecord> records = run.trigger() == RunTrigger.RETRY
                    ? inbox.recordsToRetry(run.tenant(), run.runId(), after, PAGE)
                    : history.storedRecords(run.tenant(), replayed(prepared), after, PAGE);
            if (records.isEmpty()) {
                return;
            }
            records.forEach(sink::record);
            sink.page(null);
            after = records.get(records.size() - 1).key();
        }
    }

    private static UUID replayed(PreparedRun prepared) {
        if (prepared.replayOf() == null) {
            throw new IllegalStateException("run " + prepared.run().runId() + " has no record of what it replays");
        }
        return prepared.replayOf();
    }
}
