package io.tillbridge.engine;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetedReader;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.RecordFailure;
import io.tillbridge.integrations.Integration;
import io.tillbridge.ledger.SourceVersions;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.vendorhooks.PendingChange;
import io.tillbridge.vendorhooks.VendorHookChanges;
import io.tillbridge.vendorhooks.VendorHookChanges.Outcome;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A webhook run of an integration whose source connection receives vendor webhooks (DD-028): drains
 * the changes the vendor's events queued for it instead of reading the stream. Per batch, the last
 * change of each key counts; a carried record is written as is, the others are fetched with the
 * connector's {@link TargetedReader}. A record whose version is older than the version the
 * integration last wrote for its key is skipped, and a refund whose order no integration of the
 * connection has written yet waits for a later run, at most the waiting limit: after it, the
 * refund goes to the error inbox ({@code missing_reference}) and its changes are marked skipped.
 * What was written, skipped, found gone or given up is marked in the page's own transaction.
 */
@Singleton
class VendorChangeDrain {

    /** Changes looked at per page. */
    private static final int BATCH = 500;
    /** The streams whose records a refund waits for, by the refund stream. */
    private static final Map<String, List<String>> ORDER_STREAMS = Map.of(
            "refunds", List.of("orders", "pos.orders"), "pos.refunds", List.of("orders", "pos.orders"));
    private static final Set<String> ORDER_KEY_FIELDS = Set.of("order_id", "orderId", "orderKey");
    private static final Set<String> ORDERS = Set.of("orders", "pos.orders");

    private final VendorHookChanges changes;
    private final SourceVersions versions;
    private final ErrorInbox errors;

    VendorChangeDrain(VendorHookChanges changes, SourceVersions versions, ErrorInbox errors) {
        this.changes = changes;
        this.versions = versions;
        this.errors = errors;
    }

    /** Whether this run drains changes instead of reading its stream. */
    boolean drains(PreparedRun prepared) {
        ClaimedRun run = prepared.run();
        return run.trigger() == io.tillbridge.runs.RunTrigger.WEBHOOK && prepared.mapping().aggregation() == null
                && changes.hasRoute(run.tenant(), prepared.integration().sourceConnectionId());
    }

    /**
     * Drains the integration's changes into {@code sink}. Answers true when some could not be
     * fetched by key (the connector has no targeted read for the stream): the run then reads the
     * stream as a scheduled run would.
     */
    boolean drain(PreparedRun prepared, SourceConnector<Record> reader, RunSink sink) {
        TenantId tenant = prepared.run().tenant();
        Integration integration = prepared.integration();
        String stream = integration.sourceStream();
        boolean readStream = false;
        boolean wroteOrders = false;
        // A refund waits for its order only where some integration writes the connection's orders.
        boolean ordersWritten = ORDER_STREAMS.containsKey(stream)
                && changes.read(tenant, integration.sourceConnectionId(), ORDER_STREAMS.get(stream));
        long after = 0;
        while (!sink.stopRequested()) {
            List<PendingChange> batch = changes.open(tenant, integration.id(), after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
            Map<String, PendingChange> latest = new LinkedHashMap<>();
            Map<String, List<Long>> idsByKey = new LinkedHashMap<>();
            Map<String, Instant> firstSeen = new LinkedHashMap<>();
            for (PendingChange change : batch) {
                latest.remove(change.key());
                latest.put(change.key(), change);
                idsByKey.computeIfAbsent(change.key(), k -> new ArrayList<>()).add(change.id());
                firstSeen.putIfAbsent(change.key(), change.createdAt());
            }
            List<SourceRecord> records = new ArrayList<>();
            List<String> toFetch = new ArrayList<>();
            List<Long> waiting = new ArrayList<>();
            List<Long> skipped = new ArrayList<>();
            List<Long> gaveUp = new ArrayList<>();
            List<RecordFailure> failures = new ArrayList<>();
            String waitingNote = null;
            for (PendingChange change : latest.values()) {
                if (change.deleted()) {
                    skipped.addAll(idsByKey.get(change.key()));
                } else if (change.record() != null) {
                    String order = ordersWritten ? orderOf(stream, change.record()) : null;
                    if (order != null && !versions.written(tenant, integration.sourceConnectionId(),
                            ORDER_STREAMS.get(stream), order)) {
                        if (changes.waitedTooLong(firstSeen.get(change.key()))) {
                            gaveUp.addAll(idsByKey.get(change.key()));
                            failures.add(orderNeverWritten(stream, change, order));
                        } else {
                            waiting.addAll(idsByKey.get(change.key()));
                            waitingNote = "waits for the order " + order + " to be written";
                        }
                    } else {
                        records.add(new SourceRecord(stream, change.key(), change.version() == null ? ""
                                : change.version(), change.record()));
                    }
                } else {
                    toFetch.add(change.key());
                }
            }
            if (!toFetch.isEmpty()) {
                List<SourceRecord> fetched = fetch(prepared, reader, stream, toFetch, sink);
                if (fetched == null) {
                    readStream = true;
                } else {
                    records.addAll(fetched);
                    Set<String> found = new java.util.HashSet<>();
                    fetched.forEach(r -> found.add(r.key()));
                    toFetch.stream().filter(k -> !found.contains(k)).forEach(k -> skipped.addAll(idsByKey.get(k)));
                }
            }
            Map<String, String> written = versions.find(tenant, integration.id(),
                    records.stream().map(SourceRecord::key).toList());
            List<SourceRecord> newer = new ArrayList<>();
            List<Long> older = new ArrayList<>();
            for (SourceRecord record : records) {
                if (SourceVersions.older(record.version(), written.get(record.key()))) {
                    older.addAll(idsByKey.get(record.key()));
                } else {
                    newer.add(record);
                }
            }
            List<Long> writtenIds = new ArrayList<>();
            newer.forEach(r -> writtenIds.addAll(idsByKey.getOrDefault(r.key(), List.of())));
            if (readStream) {
                // Read in full below: the changes are covered by that read.
                toFetch.forEach(k -> writtenIds.addAll(idsByKey.get(k)));
            }
            newer.forEach(sink::record);
            String note = waitingNote;
            boolean committed = sink.page(null, tx -> {
                changes.mark(tx, writtenIds, Outcome.WRITTEN, null);
                changes.mark(tx, older, Outcome.SKIPPED, "older than the version written last");
                changes.mark(tx, skipped, Outcome.SKIPPED, "the vendor no longer has it, or it was deleted");
                changes.mark(tx, waiting, Outcome.WAITING, note);
                changes.mark(tx, gaveUp, Outcome.SKIPPED, "its order was not written within "
                        + hours(changes.waitingLimit()) + "; see the error inbox");
                errors.record(tx, integration.id(), failures);
            });
            if (!committed) {
                return false;
            }
            wroteOrders |= ORDERS.contains(stream) && !newer.isEmpty();
        }
        if (wroteOrders) {
            changes.wakeWaiting(tenant, integration.sourceConnectionId());
        }
        return readStream;
    }

    /** The fetched records, or null when the connector cannot read the stream by key. */
    @SuppressWarnings("unchecked")
    private static List<SourceRecord> fetch(PreparedRun prepared, SourceConnector<Record> reader, String stream,
            List<String> keys, RunSink sink) {
        if (!(reader instanceof TargetedReader<?> targeted)) {
            return null;
        }
        TargetedReader<Record> typed = (TargetedReader<Record>) targeted;
        List<SourceRecord> out = new ArrayList<>();
        RecordSink collect = new RecordSink() {
            @Override
            public void record(SourceRecord record) {
                out.add(record);
            }

            @Override
            public void checkpoint(Checkpoint checkpoint) {
                // A targeted read emits none; the drain commits its own pages.
            }

            @Override
            public boolean stopRequested() {
                return sink.stopRequested();
            }
        };
        int size = Math.max(1, typed.maxKeysPerFetch());
        try {
            for (int i = 0; i < keys.size(); i += size) {
                typed.fetch(prepared.source().config(), stream, keys.subList(i, Math.min(keys.size(), i + size)), collect);
            }
        } catch (ConnectorException e) {
            if (e.category() == ConnectorException.Category.CONFIG) {
                return null;
            }
            throw e;
        }
        return out;
    }

    /** The inbox entry of a refund that waited longer than the limit for its order. */
    private RecordFailure orderNeverWritten(String stream, PendingChange change, String order) {
        String field = ORDER_KEY_FIELDS.stream().filter(change.record()::containsKey).findFirst().orElse(null);
        String version = change.version() == null ? "" : change.version();
        return new RecordFailure(new SourceRecord(stream, change.key(), version, change.record()), ErrorCategory.MISSING_REFERENCE, field, "The order " + order + " of this refund was"
                + " not written within " + hours(changes.waitingLimit()) + " of the refund's event, so the refund"
                + " was not written either.", "Check that the vendor has the order and that an integration of the"
                + " connection reads orders; retry to write the refund without its order, or ignore it.");
    }

    private static String hours(java.time.Duration limit) {
        return limit.toHours() >= 1 && limit.toMinutesPart() == 0 ? limit.toHours() + " hours" : limit.toMinutes()
                + " minutes";
    }

    /** The order a refund record belongs to; null for a record of another stream or without one. */
    private static String orderOf(String stream, Map<String, Object> record) {
        if (!ORDER_STREAMS.containsKey(stream)) {
            return null;
        }
        for (String field : ORDER_KEY_FIELDS) {
            Object value = record.get(field);
            if (value instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }
}
