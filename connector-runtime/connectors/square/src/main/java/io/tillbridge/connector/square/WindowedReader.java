package io.tillbridge.connector.square;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.rest.StopRequested;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The read loop of a Square stream, incremental on {@code updated_at} with a look-back window.
 *
 * <p>A read asks for everything updated since the last read's high-water mark minus the look-back
 * (see {@link SquareConfig#lookbackMinutes()}), batch after batch (sets of locations), following
 * each batch's cursor to its end with the same request. A source sorted by {@code updated_at}
 * ascending (orders, payments, refunds) instead starts a new search from the last update read after
 * each page, and follows the cursor only while a page does not get past that time (more records
 * updated at one instant than a page holds): a cursor counts positions in a result that changes while
 * we page (an order paid meanwhile leaves its place and moves to the end), so following it would
 * skip a record for each one that moved; searching from the last update cannot. Records in the window that were read before
 * at the same version are not emitted again: the checkpoint keeps the id and version of every record
 * updated within the look-back of the high-water mark, so a record that reached the search index late
 * is read, and one read before is not. A record updated before the window's start is covered by an
 * earlier read and skipped, also when the endpoint has no time filter and lists everything.
 *
 * <p>Checkpoint (JSON): {@code since} (high-water mark of the last completed read), {@code seen}
 * ({@code id -> [version, updated_at]}), and between pages {@code start} (the window's start),
 * {@code batch}, {@code from} and {@code cursor} (the search to resume, the same request) and {@code max}. A record without
 * {@code updated_at} (locations) is emitted on every read.
 */
final class WindowedReader {

    /** One page: its records and the cursor of the next, null on the last. */
    record Page(List<JsonNode> records, String next) {
    }

    /** Where a stream's pages come from and how its records are identified. */
    interface Source {

        /** How many batches (sets of locations) a read goes through. */
        int batches();

        /**
         * @param from where the search starts: the window's start, or for a {@link #keyset()} source the
         *     last update read (RFC 3339, inclusive); null for everything
         * @param cursor null for a new search; else the cursor of the search from {@code from}
         */
        Page fetch(int batch, String from, String cursor);

        /**
         * Whether the source answers in ascending {@code updated_at} from {@code from} (inclusive), so
         * that the next page can be a new search from the last update read instead of the cursor.
         */
        default boolean keyset() {
            return false;
        }

        String key(JsonNode record);

        /** What changes when the record changes (Square's {@code version}, else {@code updated_at}). */
        String version(JsonNode record);

        /** The record's {@code updated_at}; empty when it has none. */
        String updatedAt(JsonNode record);
    }

    private record Seen(String version, Instant updatedAt) {
    }

    private final String stream;
    private final Source source;
    private final Duration lookback;
    private final Function<JsonNode, List<SourceRecord>> records;

    /**
     * @param records the records one vendor object gives: itself (a vendor stream) or its
     *     translation (a canonical stream)
     */
    WindowedReader(String stream, Source source, Duration lookback, Function<JsonNode, List<SourceRecord>> records) {
        this.stream = stream;
        this.source = source;
        this.lookback = lookback;
        this.records = records;
    }

    void read(Checkpoint checkpoint, RecordSink sink) {
        JsonNode cp = parse(checkpoint);
        Instant since = instant(cp.path("since").asText(""));
        Map<String, Seen> original = seen(cp.path("seen"));
        Map<String, Seen> fresh = new HashMap<>();
        boolean resumed = cp.has("batch");
        Instant max = resumed ? instant(cp.path("max").asText("")) : since;
        String start = resumed ? text(cp.path("start")) : since == null ? null : since.minus(lookback).toString();
        Instant startAt = start == null ? null : Instant.parse(start);
        int batch = resumed ? cp.path("batch").asInt() : 0;
        String from = resumed && cp.has("from") ? text(cp.path("from")) : start;
        String cursor = resumed ? text(cp.path("cursor")) : null;
        for (; batch < source.batches(); batch++) {
            while (true) {
                Page page;
                try {
                    page = source.fetch(batch, from, cursor);
                } catch (StopRequested stop) {
                    return;
                } catch (ConnectorException e) {
                    if (cursor != null && e.getMessage() != null && e.getMessage().contains("INVALID_CURSOR")) {
                        // An expired cursor from an old checkpoint: this position again; records seen are skipped.
                        cursor = null;
                        continue;
                    }
                    throw e;
                }
                List<JsonNode> nodes = page.records();
                Instant pageMax = null;
                for (int i = 0; i < nodes.size(); i++) {
                    JsonNode node = nodes.get(i);
                    String key = source.key(node);
                    if (key.isEmpty()) {
                        throw new ConnectorException(Category.SYSTEM, "a record of " + stream + " has no id");
                    }
                    Instant updated = instant(source.updatedAt(node));
                    String version = source.version(node);
                    if (updated == null) {
                        emit(node, sink);
                    } else if (startAt == null || !updated.isBefore(startAt)) {
                        Seen before = fresh.containsKey(key) ? fresh.get(key) : original.get(key);
                        if (before == null || !before.version().equals(version)) {
                            emit(node, sink);
                        }
                        fresh.put(key, new Seen(version, updated));
                        max = max == null || updated.isAfter(max) ? updated : max;
                        pageMax = pageMax == null || updated.isAfter(pageMax) ? updated : pageMax;
                    }
                    if (i < nodes.size() - 1 && sink.stopRequested()) {
                        return;
                    }
                }
                if (page.next() == null) {
                    cursor = null;
                    break;
                }
                if (source.keyset() && pageMax != null && (from == null || pageMax.isAfter(Instant.parse(from)))) {
                    // A new search from the last update read rather than the cursor: records updated while we
                    // page move behind it, and an offset cursor would skip as many records as moved.
                    from = pageMax.toString();
                    cursor = null;
                } else if (page.next().equals(cursor)) {
                    throw new ConnectorException(Category.SYSTEM, "the pagination of " + stream + " does not advance");
                } else {
                    cursor = page.next();
                }
                prune(fresh, max);
                sink.checkpoint(between(since, start, batch, from, cursor, max, original, fresh));
                if (sink.stopRequested()) {
                    return;
                }
            }
            from = start;
            if (batch < source.batches() - 1) {
                prune(fresh, max);
                sink.checkpoint(between(since, start, batch + 1, start, null, max, original, fresh));
                if (sink.stopRequested()) {
                    return;
                }
            }
        }
        Map<String, Seen> all = new HashMap<>(original);
        all.putAll(fresh);
        prune(all, max);
        sink.checkpoint(completed(max, all));
    }

    /** A completed read's checkpoint at {@code since}: for tests and for resetting a stream. */
    static Checkpoint at(Instant since) {
        return completed(since, Map.of());
    }

    private void emit(JsonNode node, RecordSink sink) {
        for (SourceRecord record : records.apply(node)) {
            sink.record(record);
        }
    }

    /** Drops what no read will be asked for again: updated before the look-back of the high-water mark. */
    private void prune(Map<String, Seen> seen, Instant max) {
        if (max != null) {
            Instant keepFrom = max.minus(lookback);
            seen.values().removeIf(s -> s.updatedAt().isBefore(keepFrom));
        }
    }

    private static Checkpoint between(Instant since, String start, int batch, String from, String cursor, Instant max,
            Map<String, Seen> original, Map<String, Seen> fresh) {
        ObjectNode node = SquareApi.JSON.createObjectNode();
        node.put("since", since == null ? null : since.toString());
        node.put("start", start);
        node.put("batch", batch);
        node.put("from", from);
        node.put("cursor", cursor);
        node.put("max", max == null ? null : max.toString());
        Map<String, Seen> all = new HashMap<>(original);
        all.putAll(fresh);
        put(node, all);
        return new Checkpoint(node.toString());
    }

    private static Checkpoint completed(Instant since, Map<String, Seen> seen) {
        ObjectNode node = SquareApi.JSON.createObjectNode();
        node.put("since", since == null ? null : since.toString());
        put(node, seen);
        return new Checkpoint(node.toString());
    }

    private static void put(ObjectNode node, Map<String, Seen> seen) {
        ObjectNode out = node.putObject("seen");
        seen.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.putArray(e.getKey())
                .add(e.getValue().version()).add(e.getValue().updatedAt().toString()));
    }

    private static Map<String, Seen> seen(JsonNode node) {
        Map<String, Seen> seen = new HashMap<>();
        node.fields().forEachRemaining(e -> seen.put(e.getKey(),
                new Seen(e.getValue().path(0).asText(), Objects.requireNonNull(instant(e.getValue().path(1).asText())))));
        return seen;
    }

    private static JsonNode parse(Checkpoint checkpoint) {
        if (checkpoint == null) {
            return SquareApi.JSON.createObjectNode();
        }
        try {
            JsonNode node = SquareApi.JSON.readTree(checkpoint.value());
            if (!node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return node;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConnectorException(Category.SYSTEM, "the checkpoint was not written by the Square connector", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConnectorException(Category.SYSTEM, "Square sent a time that is not RFC 3339: " + text, e);
        }
    }
}
