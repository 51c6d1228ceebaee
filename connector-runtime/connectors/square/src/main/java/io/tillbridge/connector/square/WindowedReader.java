package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.rest.LookbackWindow;
import io.tillbridge.connector.rest.StopRequested;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
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
 * earlier read and skipped, also when the endpoint has no time filter and lists everything. The
 * window's bookkeeping is {@link LookbackWindow}'s; this class pages.
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
        JsonNode cp = LookbackWindow.parse(checkpoint, "Square");
        boolean resumed = cp.has("batch");
        LookbackWindow window = LookbackWindow.open(cp, resumed, lookback, null, LookbackWindow.Times.RFC3339);
        String start = window.start() == null ? null : window.start().toString();
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
                    if (updated == null) {
                        emit(node, sink);
                    } else if (window.covers(updated)) {
                        if (window.remember(key, source.version(node), updated)) {
                            emit(node, sink);
                        }
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
                sink.checkpoint(window.between(position(batch, from, cursor)));
                if (sink.stopRequested()) {
                    return;
                }
            }
            from = start;
            if (batch < source.batches() - 1) {
                sink.checkpoint(window.between(position(batch + 1, start, null)));
                if (sink.stopRequested()) {
                    return;
                }
            }
        }
        sink.checkpoint(window.completed());
    }

    /** A completed read's checkpoint at {@code since}: for tests and for resetting a stream. */
    static Checkpoint at(Instant since) {
        return LookbackWindow.at(since, LookbackWindow.Times.RFC3339);
    }

    private void emit(JsonNode node, RecordSink sink) {
        for (SourceRecord record : records.apply(node)) {
            sink.record(record);
        }
    }

    /** The search to resume: the batch (set of locations), where it starts and its cursor. */
    private static Consumer<ObjectNode> position(int batch, String from, String cursor) {
        return node -> {
            node.put("batch", batch);
            node.put("from", from);
            node.put("cursor", cursor);
        };
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
