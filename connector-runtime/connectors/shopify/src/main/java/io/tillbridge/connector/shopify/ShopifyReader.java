package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@code updated_at} is emitted on every read.
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

    private record Seen(String version, Instant updatedAt) {
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
        JsonNode cp = parse(checkpoint);
        Instant since = optionalInstant(cp.path("since").asText(""));
        Map<String, Seen> original = seen(cp.path("seen"));
        Map<String, Seen> fresh = new HashMap<>();
        boolean resumed = cp.hasNonNull("next");
        Instant max = resumed ? optionalInstant(cp.path("max").asText("")) : since;
        String start = resumed ? text(cp.path("start")) : since == null ? null : since.minus(lookback).toString();
        Instant startAt = start == null ? null : Instant.parse(start);
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
                } else if (startAt == null || !updated.isBefore(startAt)) {
                    String version = source.version(node);
                    Seen before = fresh.containsKey(key) ? fresh.get(key) : original.get(key);
                    if (before == null || !before.version().equals(version)) {
                        emit(node, sink);
                    }
                    fresh.put(key, new Seen(version, updated));
                    max = max == null || updated.isAfter(max) ? updated : max;
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
            prune(fresh, max);
            sink.checkpoint(between(since, start, next, max, original, fresh));
            if (sink.stopRequested()) {
                return;
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

    private static Checkpoint between(Instant since, String start, URI next, Instant max, Map<String, Seen> original,
            Map<String, Seen> fresh) {
        ObjectNode node = ShopifyApi.JSON.createObjectNode();
        node.put("since", since == null ? null : since.toString());
        node.put("start", start);
        node.put("next", next.toString());
        node.put("max", max == null ? null : max.toString());
        Map<String, Seen> all = new HashMap<>(original);
        all.putAll(fresh);
        put(node, all);
        return new Checkpoint(node.toString());
    }

    private static Checkpoint completed(Instant since, Map<String, Seen> seen) {
        ObjectNode node = ShopifyApi.JSON.createObjectNode();
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
        node.fields().forEachRemaining(e -> {
            Instant at = optionalInstant(e.getValue().path(1).asText(""));
            if (at != null) {
                seen.put(e.getKey(), new Seen(e.getValue().path(0).asText(), at));
            }
        });
        return seen;
    }

    private static JsonNode parse(Checkpoint checkpoint) {
        if (checkpoint == null) {
            return ShopifyApi.JSON.createObjectNode();
        }
        try {
            JsonNode node = ShopifyApi.JSON.readTree(checkpoint.value());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return node;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConnectorException(Category.SYSTEM, "the checkpoint was not written by the Shopify connector", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static Instant optionalInstant(String text) {
        return text == null || text.isEmpty() ? null : instant(text);
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
