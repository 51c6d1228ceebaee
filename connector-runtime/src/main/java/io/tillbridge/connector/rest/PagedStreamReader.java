package io.tillbridge.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.util.List;
import java.util.Objects;

/**
 * The paging loop of a source stream: fetch a page, hand its new records to the sink, emit a
 * checkpoint that points at the next page, until the last page, then emit the completed checkpoint.
 * It honours {@link RecordSink#stopRequested()} after every record and while a request waits for
 * the provider's quota ({@link StopRequested}), and filters records already
 * covered by the starting watermark (see {@link ReadState}). A subclass says only how to fetch a
 * page and where a record's key and cursor value are.
 */
public abstract class PagedStreamReader {

    /**
     * One page.
     *
     * @param records the page's records, each a JSON object
     * @param next where the next page is (cursor, page number or URL); null on the last page
     */
    public record Page(List<JsonNode> records, String next) {
        public Page {
            records = List.copyOf(records);
        }
    }

    /**
     * Fetches a page. Retries and rate limits are the client's business ({@link JsonHttpClient}).
     *
     * @param position null for the first page, else a {@link Page#next()} value returned before
     * @param state the read's state, for {@link ReadState#since()} when the API filters by it
     */
    protected abstract Page fetch(String position, ReadState state);

    /** The record's identifier; empty if it has none. */
    protected abstract String key(JsonNode record);

    /** The record's cursor value (update timestamp, version); empty when the stream has none. */
    protected abstract String cursor(JsonNode record);

    /** Reads the stream from the checkpoint into the sink, as {@code SourceConnector.read} describes. */
    public final void read(String stream, Checkpoint checkpoint, RecordSink sink) {
        ReadState state = ReadState.from(checkpoint);
        String position = state.next();
        while (true) {
            Page page;
            try {
                page = fetch(position, state);
            } catch (StopRequested stop) {
                // Asked to stop while waiting for the provider's quota: what was emitted before stays covered.
                return;
            }
            List<JsonNode> records = page.records();
            for (int i = 0; i < records.size(); i++) {
                JsonNode node = records.get(i);
                String key = key(node);
                if (key.isEmpty()) {
                    throw new ConnectorException(Category.CONFIG, "a record of " + stream + " has no identifier");
                }
                String cursor = cursor(node);
                if (state.isNew(cursor, key)) {
                    sink.record(new SourceRecord(stream, key, cursor, JsonValues.toMap(node)));
                }
                state.seen(cursor, key);
                // After the page's last record, emit its checkpoint first, so that a stop makes progress.
                if (i < records.size() - 1 && sink.stopRequested()) {
                    return;
                }
            }
            if (page.next() == null) {
                sink.checkpoint(state.completed());
                return;
            }
            if (Objects.equals(page.next(), position)) {
                throw new ConnectorException(Category.SYSTEM,
                        "the pagination of " + stream + " does not advance past " + position);
            }
            position = page.next();
            sink.checkpoint(state.between(position));
            if (sink.stopRequested()) {
                return;
            }
        }
    }
}
