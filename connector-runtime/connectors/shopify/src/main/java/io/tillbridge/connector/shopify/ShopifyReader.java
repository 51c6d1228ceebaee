package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.rest.LookbackWindow;
import io.tillbridge.connector.rest.StopRequested;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The read loop of a Shopify REST list, incremental on {@code updated_at} with a look-back window,
 * paged by the {@code Link} header to the very end.
 *
 * <p>A read asks for everything with {@code updated_at_min} at the last read's high-water mark minus
 * the look-back ({@link ShopifyConfig#lookbackMinutes()}) and follows {@code rel="next"} until a page
 * has none; there is no cap on pages. Shopify's lists answer in id order, not update order, and an
 * object updated while the read pages past it is answered by the next read as long as that read
 * starts before the update: the look-back covers reads shorter than it. An offline POS sale reaches
 * Shopify with {@code updated_at} at its arrival (its {@code created_at} keeps the sale), so an
 * incremental read finds it however late it arrived.
 *
 * <p>Records already read at the same version are not emitted again: the checkpoint keeps the key,
 * version and update time of every object updated within the look-back of the high-water mark.
 * Checkpoint (JSON): {@code since} (high-water mark of the last completed read) and {@code seen}
 * ({@code key -> [version, updated_at]}); between pages also {@code start} (the window's start),
 * {@code next} (the next page's URL, as Shopify gave it) and {@code max}. An object without
 * {@code updated_at} is emitted on every read. The window's bookkeeping is {@link LookbackWindow}'s;
 * this class pages.
 */
final class ShopifyReader {

    /** Where a stream's pages come from and how its objects are identified. */
    @FunctionalInterface
    interface Source {

        /** The first page of a read from {@code updatedMin} (RFC 3339; null for everything), or the page at {@code next}. */
        ShopifyApi.Page page(String updatedMin, URI next);

        /** The object's key: its {@code id} by default. */
        default String key(JsonNode object) {
            return ShopifyOrderTranslation.text(object.path("id"));
        }

        /** What changes when the object changes; its {@code updated_at} as a UTC instant by default. */
        default String version(JsonNode object) {
            String updated = updatedAt(object);
            return updated.isEmpty() ? "" : instant(updated).toString();
        }

        /** The object's {@code updated_at}; empty when it has none. */
        default String updatedAt(JsonNode object) {
            return object.path("updated_at").asText("");
        }
    }

    private final String stream;
    private final Source source;
    private final Duration lookback;
    private final Function<JsonNode, List<SourceRecord>> records;

    /**
     * @param records the records one vendor object gives: itself (a vendor stream), its parts
     *     (variants) or its translation (a canonical stream)
     */
    ShopifyReader(String stream, Source source, Duration lookback, Function<JsonNode, List<SourceRecord>> records) {
        this.stream = stream;
        this.source = source;
        this.lookback = lookback;
        this.records = records;
    }

    void read(Checkpoint checkpoint, RecordSink sink) {
        JsonNode cp = LookbackWindow.parse(checkpoint, "Shopify");
        boolean resumed = cp.hasNonNull("next");
        LookbackWindow window = LookbackWindow.open(cp, resumed, lookback, null, LookbackWindow.Times.RFC3339);
        String start = window.start() == null ? null : window.start().toString();
        URI next = resumed ? URI.create(cp.path("next").asText()) : null;
        while (true) {
            ShopifyApi.Page page;
            try {
                page = source.page(start, next);
            } catch (StopRequested stop) {
                return;
            }
            List<JsonNode> nodes = page.records();
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode node = nodes.get(i);
                String key = source.key(node);
                if (key == null || key.isEmpty()) {
                    throw new ConnectorException(Category.SYSTEM, "a record of " + stream + " has no id");
                }
                String updatedText = source.updatedAt(node);
                Instant updated = updatedText.isEmpty() ? null : instant(updatedText);
                if (updated == null) {
                    emit(node, sink);
                } else if (window.covers(updated) && window.remember(key, source.version(node), updated)) {
                    emit(node, sink);
                }
                if (i < nodes.size() - 1 && sink.stopRequested()) {
                    return;
                }
            }
            if (page.next() == null) {
                break;
            }
            if (page.next().equals(next)) {
                throw new ConnectorException(Category.SYSTEM, "the pagination of " + stream + " does not advance");
            }
            next = page.next();
            String position = next.toString();
            sink.checkpoint(window.between(node -> node.put("next", position)));
            if (sink.stopRequested()) {
                return;
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

    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConnectorException(Category.SYSTEM, "Shopify sent a time that is not ISO 8601: "
                    + (text.length() > 40 ? text.substring(0, 40) : text), e);
        }
    }
}
