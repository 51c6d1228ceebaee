package io.tillbridge.engine;

import io.tillbridge.activity.SourceActivity;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.RecordFailure;
import io.tillbridge.integrations.Integration;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.ledger.LedgerEntry;
import io.tillbridge.ledger.SourceVersions;
import io.tillbridge.runs.queue.RunTransaction;
import java.sql.SQLException;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.shadow.ShadowChange;
import io.tillbridge.shadow.ShadowChanges;
import io.tillbridge.storage.StorageQuota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the pages of one run (DD-012). Per page: the last version of each source key is mapped
 * (a record whose source reported problems with it is not: it goes to the error inbox as a VALUE
 * error, see {@link SourceProblems});
 * outputs whose version hash is the ledger's are skipped as unchanged; the rest are written with
 * idempotency keys derived from the ledger key (a failing batch is retried with the same keys),
 * or, in shadow mode, compared with the target's current rows and written nowhere. Then the
 * checkpoint, counts, stored records, ledger entries, record errors and shadow changes commit in
 * one transaction fenced by the run's attempt.
 */
final class PageWriter {

    /** Thrown after a page's commit when the run has more record errors than its integration tolerates. */
    static final class TooManyRecordErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyRecordErrors(long failed, int tolerated) {
            super("RECORD_ERRORS: " + failed + " records failed, more than the integration tolerates ("
                    + tolerated + "); see the error inbox");
        }
    }

    /** More to write in a page's fenced transaction (what a drained webhook change became). */
    @FunctionalInterface
    interface PageExtra {
        PageExtra NONE = tx -> { };

        void apply(RunTransaction tx) throws SQLException;
    }

    /** Answers whether the run still owns its lease (renewing it); false stops the page unwritten. */
    @FunctionalInterface
    interface LeaseCheck {
        boolean renew();
    }

    private final RunLeases leases;
    private final Ledger ledger;
    private final SourceVersions versions;
    private final ErrorInbox inbox;
    private final ShadowChanges shadowChanges;
    private final StorageQuota storage;
    private final SourceActivity activity;
    private final ClaimedRun run;
    private final Integration integration;
    private final RecordMapper mapper;
    private final Record targetConfig;
    private final TargetConnector<Record> writer;
    private final WriteRetries retries;
    private final LeaseCheck lease;
    private final boolean shadow;
    private final String target;
    private long read;
    private long written;
    private long unchanged;
    private long failed;
    private RunCounts committed;

    /** How often and how long to retry a batch write that failed transiently, inside the run. */
    record WriteRetries(int attempts, Duration delay, Duration maxWait) {
    }

    PageWriter(PageStores stores, ClaimedRun run, Integration integration, RecordMapper mapper, Record targetConfig,
            TargetConnector<Record> writer, WriteRetries retries, LeaseCheck lease, RunCounts committed) {
        this.leases = stores.leases();
        this.ledger = stores.ledger();
        this.versions = stores.versions();
        this.inbox = stores.inbox();
        this.shadowChanges = stores.shadowChanges();
        this.storage = stores.storage();
        this.activity = stores.activity();
        this.run = run;
        this.integration = integration;
        this.mapper = mapper;
        this.targetConfig = targetConfig;
        this.writer = writer;
        this.retries = retries;
        this.lease = lease;
        this.shadow = "shadow".equals(integration.mode());
        this.target = integration.targetConnectionId() + "/" + integration.targetObject();
        // A run taken over goes on from its last commit: its counts cover every attempt.
        this.committed = committed;
        this.read = committed.read();
        this.written = committed.written();
        this.unchanged = committed.unchanged();
        this.failed = committed.failed();
    }

    RunCounts counts() {
        return new RunCounts(read, written, unchanged, failed);
    }

    /**
     * The counts of the last commit. A run that stops without finishing a page keeps these: the
     * uncommitted page is read again from the checkpoint by the next attempt or run.
     */
    RunCounts committed() {
        return committed;
    }

    /** One output on its way to the target. */
    private record Pending(SourceRecord record, RecordMapper.Output output, String hash, WriteRecord write) {
    }

    /**
     * Handles one page and commits it with {@code checkpoint} (null for runs of stored records).
     * Answers false, having written nothing, when the run lost its lease.
     */
    boolean page(List<SourceRecord> records, Checkpoint checkpoint) {
        return page(records, checkpoint, records.size());
    }

    /**
     * {@link #page(List, Checkpoint)} for records that stand for {@code sourceRecords} records read
     * from the source (the groups of an aggregating mapping stand for every record of the run).
     */
    boolean page(List<SourceRecord> records, Checkpoint checkpoint, long sourceRecords) {
        return page(records, checkpoint, sourceRecords, PageExtra.NONE);
    }

    /** {@link #page(List, Checkpoint, long)} that also applies {@code extra} in the page's transaction. */
    boolean page(List<SourceRecord> records, Checkpoint checkpoint, long sourceRecords, PageExtra extra) {
        if (!lease.renew()) {
            return false;
        }
        if (!records.isEmpty()) {
            // Before anything is sent to the target; the page's commit checks again.
            storage.require(run.tenant());
        }
        Map<String, SourceRecord> latest = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            latest.remove(record.key());
            latest.put(record.key(), record);
        }
        List<RecordFailure> failures = new ArrayList<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        List<Pending> skipped = new ArrayList<>();
        Set<String> failedKeys = new LinkedHashSet<>();
        Map<String, RecordMapper.Result> mapped = new LinkedHashMap<>();
        Set<String> outputKeys = new LinkedHashSet<>();
        for (SourceRecord record : latest.values()) {
            RecordMapper.Result result = map(record);
            mapped.put(record.key(), result);
            result.outputs().forEach(o -> outputKeys.add(o.key()));
        }
        Map<String, LedgerEntry> known = ledger.find(run.tenant(), integration.id(), outputKeys);
        for (SourceRecord record : latest.values()) {
            RecordMapper.Result result = mapped.get(record.key());
            if (!result.failures().isEmpty()) {
                result.failures().forEach(f -> failures.add(new RecordFailure(record, f.category(), f.fieldPath(),
                        f.message(), f.hint(), RecordFailure.valueText(f.value()))));
                failedKeys.add(record.key());
                continue;
            }
            String hash = Ledger.versionHash(mapper.identity(), target, record.data());
            for (RecordMapper.Output output : result.outputs()) {
                Pending other = pending.get(output.key());
                if (other != null && !other.record().key().equals(record.key())) {
                    failures.add(new RecordFailure(record, ErrorCategory.DUPLICATE, null, "the record maps to the key "
                            + output.key() + ", as does the record " + other.record().key() + " of the same page",
                            "Make the mapping give each record a key of its own"));
                    failedKeys.add(record.key());
                    continue;
                }
                LedgerEntry entry = known.get(output.key());
                WriteRecord write = new WriteRecord(Ledger.idempotencyKey(run.tenant(), integration.id(), output.key()),
                        entry == null ? "" : entry.targetRef(), output.data());
                Pending p = new Pending(record, output, hash, write);
                if (entry != null && entry.versionHash().equals(hash)) {
                    skipped.add(p);
                } else {
                    pending.put(output.key(), p);
                }
            }
        }
        List<LedgerEntry> entries = new ArrayList<>();
        List<ShadowChange> changes = new ArrayList<>();
        long pageWritten = 0;
        long pageUnchanged = skipped.size();
        List<Pending> toWrite = pending.values().stream().filter(p -> !failedKeys.contains(p.record().key())).toList();
        if (shadow) {
            skipped.forEach(p -> changes.add(new ShadowChange(p.output().key(), "unchanged", null, p.output().data(),
                    List.of())));
            if (!toWrite.isEmpty()) {
                Map<String, Map<String, Object>> current = writer.current(targetConfig, integration.targetObject(),
                        toWrite.stream().map(Pending::write).toList());
                for (Pending p : toWrite) {
                    ShadowChange change = compare(p, current.get(p.write().idempotencyKey()));
                    if ("unchanged".equals(change.action())) {
                        pageUnchanged++;
                    }
                    changes.add(change);
                }
            }
        } else if (!toWrite.isEmpty()) {
            List<WriteResult> results = writeWithRetries(toWrite.stream().map(Pending::write).toList());
            if (results == null) {
                return false;
            }
            for (int i = 0; i < toWrite.size(); i++) {
                Pending p = toWrite.get(i);
                WriteResult result = results.get(i);
                switch (result.outcome()) {
                    case WRITTEN -> pageWritten++;
                    case UNCHANGED -> pageUnchanged++;
                    case REJECTED -> {
                        failures.add(new RecordFailure(p.record(), ErrorCategory.REJECTED_BY_TARGET, null,
                                result.reason(), "Correct the record in the source or the mapping, then retry it"));
                        failedKeys.add(p.record().key());
                        continue;
                    }
                }
                entries.add(new LedgerEntry(p.output().key(), p.hash(), result.targetRef()));
            }
        }
        Set<String> succeeded = new TreeSet<>(latest.keySet());
        succeeded.removeAll(failedKeys);
        read += sourceRecords;
        written += pageWritten;
        unchanged += pageUnchanged;
        failed += failedKeys.size();
        RunCounts counts = counts();
        leases.commit(run.runId(), run.attempt(), tx -> {
            // The page's records are stored for replay: a tenant over its storage cap gets a rolled-back page.
            if (!latest.isEmpty()) {
                storage.require(tx.connection(), tx.tenant());
            }
            if (checkpoint != null) {
                tx.saveCheckpoint(checkpoint);
            }
            tx.saveCounts(counts);
            tx.saveRecords(latest.values());
            if (shadow) {
                tx.markShadow();
                shadowChanges.record(tx, changes);
            } else {
                ledger.record(tx, integration.id(), entries);
                versions.record(tx, integration.id(), integration.sourceConnectionId(), integration.sourceStream(),
                        latest.values().stream().filter(r -> succeeded.contains(r.key())).toList());
                inbox.resolveWritten(tx, integration.id(), succeeded);
            }
            inbox.record(tx, integration.id(), failures);
            activity.record(tx, integration.id(), latest.values().stream().filter(r -> succeeded.contains(r.key())).toList());
            extra.apply(tx);
            return null;
        });
        committed = counts;
        Integer tolerated = integration.maxRecordErrors();
        if (tolerated != null && failed > tolerated) {
            throw new TooManyRecordErrors(failed, tolerated);
        }
        return true;
    }

    private RecordMapper.Result map(SourceRecord record) {
        // A record its source could read only in part is written nowhere (SourceRecord.PROBLEMS).
        RecordMapper.Failure problems = SourceProblems.of(record);
        if (problems != null) {
            return RecordMapper.Result.failed(problems);
        }
        try {
            return mapper.map(record);
        } catch (RuntimeException e) {
            return RecordMapper.Result.failed(new RecordMapper.Failure(ErrorCategory.MAPPING, null,
                    "the mapping failed on this record: " + e.getClass().getSimpleName(),
                    "Report this to support with the record"));
        }
    }

    private static ShadowChange compare(Pending p, Map<String, Object> before) {
        Map<String, Object> after = p.output().data();
        if (before == null) {
            return new ShadowChange(p.output().key(), "create", null, after, List.copyOf(after.keySet()));
        }
        Set<String> fields = new LinkedHashSet<>(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String field : fields) {
            if (!Objects.equals(before.get(field), after.get(field)) || !before.containsKey(field)) {
                changed.add(field);
            }
        }
        return new ShadowChange(p.output().key(), changed.isEmpty() ? "unchanged" : "update", before, after, changed);
    }

    /**
     * Writes a batch, retrying a transient failure with the same idempotency keys; answers null when
     * the run lost its lease while waiting. The last failure is thrown.
     */
    private List<WriteResult> writeWithRetries(List<WriteRecord> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<WriteResult> results = writer.write(targetConfig, integration.targetObject(), batch);
                if (results.size() != batch.size()) {
                    throw new ConnectorException(ConnectorException.Category.SYSTEM, "the target answered "
                            + results.size() + " results for " + batch.size() + " records");
                }
                return results;
            } catch (ConnectorException e) {
                if (!RetryPolicy.retryable(e.category()) || attempt >= retries.attempts()) {
                    throw e;
                }
                Duration wait = retries.delay().multipliedBy(1L << Math.min(attempt - 1, 10));
                if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(wait) > 0) {
                    wait = e.retryAfter().get();
                }
                if (wait.compareTo(retries.maxWait()) > 0) {
                    throw e;
                }
                leases.event(run.runId(), run.attempt(), "write-retried", e.category() + ": " + e.getMessage()
                        + "; batch of " + batch.size() + " written again with the same keys in " + wait.toMillis() + " ms");
                sleep(wait);
                if (!lease.renew()) {
                    return null;
                }
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Category.TRANSIENT, "interrupted while waiting to retry");
        }
    }
}
