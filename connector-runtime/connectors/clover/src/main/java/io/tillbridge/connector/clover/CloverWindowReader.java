package io.tillbridge.connector.clover;

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
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The read loop of a Clover stream: incremental on {@code modifiedTime} (epoch milliseconds) with a
 * look-back window, offset paging followed to an empty page.
 *
 * <ul>
 *   <li><b>Always a time filter.</b> Clover lists only the last 90 days of orders, payments and
 *       refunds when a list has no time filter (vendor-apis.md, Clover). A first read asks for
 *       {@code modifiedTime >= now - history}; a later one for {@code modifiedTime >=} the last
 *       read's high-water mark minus the look-back. An order created a year ago and changed today
 *       is found by its change.</li>
 *   <li><b>Paging.</b> Lists are asked for ascending {@code modifiedTime}. After a page the next
 *       request starts from the last modification read (inclusive, offset 0): an offset counts
 *       positions in a list that changes while we page, and an order paid meanwhile moves to the end
 *       and shifts the others by one. Only while a page does not get past one millisecond (more
 *       records modified at one instant than a page holds) does the offset grow; and for the rest
 *       of a read whose pages came out of order (an API that ignored {@code orderBy}).</li>
 *   <li><b>No silent cap.</b> Clover caps a {@code limit} above its maximum instead of refusing
 *       it, so a page shorter than asked does not mean the end: the read ends at an empty page.</li>
 *   <li><b>Repeats.</b> The checkpoint keeps the id and version of every record modified within the
 *       look-back of the high-water mark, so a record read before at the same version is not
 *       emitted again.</li>
 *   <li>A source without {@code modifiedTime} (devices) is read in full each time.</li>
 * </ul>
 *
 * <p>The window's bookkeeping (start, high-water mark, records seen) is {@link LookbackWindow}'s,
 * with times in epoch milliseconds as Clover writes them; this class pages.
 */
final class CloverWindowReader {

    /** Where a stream's pages come from. */
    interface Source {

        /**
         * The page at {@code offset} of the records modified at or after {@code fromMillis}, sorted by
         * {@code modifiedTime} ascending; {@code fromMillis} is null for a source without time.
         */
        List<JsonNode> fetch(Long fromMillis, int offset);

        /** Whether the records carry {@code modifiedTime} and the list filters and sorts by it. */
        boolean timed();

        /** What changes when the record changes: its {@code modifiedTime} unless the source knows better. */
        default String version(JsonNode record, long modified) {
            return Long.toString(modified);
        }
    }

    private final String stream;
    private final Source source;
    private final Duration lookback;
    private final Instant firstFrom;
    private final Function<JsonNode, List<SourceRecord>> records;

    /**
     * @param firstFrom where a first read starts: now minus the configured history
     * @param records the records one vendor object gives (one, several or none)
     */
    CloverWindowReader(String stream, Source source, Duration lookback, Instant firstFrom,
            Function<JsonNode, List<SourceRecord>> records) {
        this.stream = stream;
        this.source = source;
        this.lookback = lookback;
        this.firstFrom = firstFrom;
        this.records = records;
    }

    void read(Checkpoint checkpoint, RecordSink sink) {
        JsonNode cp = LookbackWindow.parse(checkpoint, "Clover");
        boolean resumed = cp.has("from");
        LookbackWindow window = LookbackWindow.open(cp, resumed, lookback, firstFrom,
                LookbackWindow.Times.EPOCH_MILLIS);
        long start = window.start().toEpochMilli();
        long from = resumed ? cp.path("from").asLong() : start;
        int offset = resumed ? cp.path("offset").asInt() : 0;
        // Pages out of modifiedTime order (an API that ignores orderBy) are paged by offset alone.
        boolean sorted = !resumed || !cp.path("unsorted").asBoolean(false);
        String previousPage = null;
        while (true) {
            List<JsonNode> page;
            try {
                page = source.fetch(source.timed() ? from : null, offset);
            } catch (StopRequested stop) {
                return;
            }
            if (page.isEmpty()) {
                break;
            }
            String thisPage = page.size() + ":" + CloverStreams.text(page.get(0).path("id")) + ":"
                    + CloverStreams.text(page.get(page.size() - 1).path("id"));
            if (offset > 0 && thisPage.equals(previousPage)) {
                throw new ConnectorException(Category.SYSTEM, "the pagination of " + stream
                        + " does not advance: offset " + offset + " answered the page before it again");
            }
            previousPage = thisPage;
            Long pageMax = null;
            Long previous = null;
            for (int i = 0; i < page.size(); i++) {
                JsonNode node = page.get(i);
                String key = CloverStreams.text(node.path("id"));
                if (key.isEmpty()) {
                    throw new ConnectorException(Category.SYSTEM, "a record of " + stream + " has no id");
                }
                Long modified = source.timed() ? number(node.path("modifiedTime")) : null;
                if (modified == null) {
                    emit(node, sink);
                } else if (modified >= start) {
                    if (window.remember(key, source.version(node, modified), Instant.ofEpochMilli(modified))) {
                        emit(node, sink);
                    }
                    pageMax = pageMax == null || modified > pageMax ? modified : pageMax;
                    sorted &= previous == null || modified >= previous;
                    previous = modified;
                }
                if (i < page.size() - 1 && sink.stopRequested()) {
                    return;
                }
            }
            if (sorted && pageMax != null && pageMax > from) {
                from = pageMax;
                offset = 0;
            } else {
                offset += page.size();
            }
            sink.checkpoint(window.between(position(from, offset, sorted)));
            if (sink.stopRequested()) {
                return;
            }
        }
        sink.checkpoint(window.completed());
    }

    /** A completed read's checkpoint at {@code since}: for tests and for resetting a stream. */
    static Checkpoint at(Instant since) {
        return LookbackWindow.at(since, LookbackWindow.Times.EPOCH_MILLIS);
    }

    private void emit(JsonNode node, RecordSink sink) {
        for (SourceRecord record : records.apply(node)) {
            sink.record(record);
        }
    }

    /** Where the read resumes: the list from {@code from} at {@code offset}, and whether pages came sorted. */
    private static Consumer<ObjectNode> position(long from, int offset, boolean sorted) {
        return node -> {
            node.put("from", from);
            node.put("offset", offset);
            if (!sorted) {
                node.put("unsorted", true);
            }
        };
    }

    private static Long number(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asLong();
    }
}
