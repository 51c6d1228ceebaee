package io.tillbridge.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The bookkeeping of an incremental read with a look-back window: which records a read asks for,
 * which of them it emits, and what its checkpoints say. The paging (cursor, link, offset) stays
 * with the vendor's reader; this class knows only times, keys and versions.
 *
 * <p>A read asks for everything updated since the last completed read's high-water mark
 * ({@code since}) minus the look-back, or from {@code firstStart} on a first read (null: everything).
 * Vendors index late (a record can show up in a search minutes after its {@code updated_at}) and an
 * offline sale arrives long after it was rung up, so asking again for a while back is what finds
 * them; the look-back is how long "a while" is.
 *
 * <p>Records asked for twice are not emitted twice: the checkpoint keeps the key, version and update
 * time of every record updated within the look-back of the high-water mark ({@code seen}), and a
 * record already read at the same version is skipped ({@link #remember}). What is older than that
 * is dropped from {@code seen}, because no later read asks for it again. A record updated before
 * the window's start was covered by an earlier read ({@link #covers} is false), also when an
 * endpoint has no time filter and lists everything. A record without an update time is the
 * reader's to emit on every read.
 *
 * <p>Checkpoint (a JSON object, opaque to the runtime): {@code since} and {@code seen}
 * ({@code key -> [version, time]}) after a completed read; between pages also {@code start} (this
 * read's window start), the reader's own position fields, and {@code max} (the high-water mark so
 * far). Times are written as {@link Times#RFC3339 RFC 3339 text} or {@link Times#EPOCH_MILLIS epoch
 * milliseconds}, as the vendor writes them, so a checkpoint reads like the vendor's data.
 *
 * <p>One instance serves one read, on one thread.
 */
public final class LookbackWindow {

    /** How times are written in the checkpoint. */
    public enum Times {
        /** {@code "2026-01-01T10:00:00Z"} (Square, Shopify). */
        RFC3339,
        /** {@code 1767261600000} (Clover); times are truncated to the millisecond. */
        EPOCH_MILLIS;

        Instant decode(JsonNode node) {
            if (this == EPOCH_MILLIS) {
                return node == null || !node.isNumber() ? null : Instant.ofEpochMilli(node.asLong());
            }
            String text = node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new ConnectorException(Category.SYSTEM, "the checkpoint holds a time that is not RFC 3339: "
                        + (text.length() > 40 ? text.substring(0, 40) : text), e);
            }
        }

        void put(ObjectNode node, String field, Instant at) {
            if (this == EPOCH_MILLIS) {
                node.put(field, at == null ? null : at.toEpochMilli());
            } else {
                node.put(field, at == null ? null : at.toString());
            }
        }

        Instant truncate(Instant at) {
            return this == EPOCH_MILLIS && at != null ? Instant.ofEpochMilli(at.toEpochMilli()) : at;
        }
    }

    private record Seen(String version, Instant updatedAt) {
    }

    private final Duration lookback;
    private final Times times;
    private final Instant since;
    private final Instant start;
    private final Map<String, Seen> original;
    private final Map<String, Seen> fresh = new HashMap<>();
    private Instant max;

    private LookbackWindow(Duration lookback, Times times, Instant since, Instant start, Instant max,
            Map<String, Seen> original) {
        this.lookback = lookback;
        this.times = times;
        this.since = since;
        this.start = start;
        this.max = max;
        this.original = original;
    }

    /**
     * The window of a read that starts from {@code checkpoint}.
     *
     * @param checkpoint the decoded checkpoint ({@link #parse}); an empty object for a first read
     * @param resumed whether the checkpoint was taken between pages (the reader knows by its own
     *     position fields): the read then continues the interrupted one, with its window start and
     *     high-water mark
     * @param lookback how far before the last high-water mark a read starts
     * @param firstStart where a first read starts; null for everything
     */
    public static LookbackWindow open(JsonNode checkpoint, boolean resumed, Duration lookback, Instant firstStart,
            Times times) {
        Objects.requireNonNull(lookback, "lookback");
        Instant since = times.decode(checkpoint.path("since"));
        Instant max = resumed ? times.decode(checkpoint.path("max")) : since;
        Instant start;
        if (resumed) {
            start = times.decode(checkpoint.path("start"));
        } else {
            start = since == null ? times.truncate(firstStart) : since.minus(lookback);
        }
        Map<String, Seen> seen = new HashMap<>();
        checkpoint.path("seen").fields().forEachRemaining(e -> {
            Instant at = times.decode(e.getValue().path(1));
            if (at != null) {
                seen.put(e.getKey(), new Seen(e.getValue().path(0).asText(), at));
            }
        });
        return new LookbackWindow(lookback, times, since, start, max, seen);
    }

    /**
     * Decodes a checkpoint into its JSON object; null gives an empty object (a first read).
     *
     * @param connector the connector's name, for the message when the checkpoint is not one of its own
     */
    public static JsonNode parse(Checkpoint checkpoint, String connector) {
        if (checkpoint == null) {
            return JsonHttpClient.JSON.createObjectNode();
        }
        try {
            JsonNode node = JsonHttpClient.JSON.readTree(checkpoint.value());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return node;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConnectorException(Category.SYSTEM, "the checkpoint was not written by the " + connector
                    + " connector", e);
        }
    }

    /** A completed read's checkpoint at {@code since}, with nothing seen: for tests and for resetting a stream. */
    public static Checkpoint at(Instant since, Times times) {
        ObjectNode node = JsonHttpClient.JSON.createObjectNode();
        times.put(node, "since", times.truncate(since));
        node.putObject("seen");
        return new Checkpoint(node.toString());
    }

    /** Where this read's window starts: records updated before it are not asked for; null for everything. */
    public Instant start() {
        return start;
    }

    /** The highest update time read so far (at first the last read's); null when none. */
    public Instant max() {
        return max;
    }

    /** Whether a record updated at {@code updated} lies in the window (at or after its start). */
    public boolean covers(Instant updated) {
        return start == null || !updated.isBefore(start);
    }

    /**
     * Notes a record of the window and moves the high-water mark to its update time.
     *
     * @return whether it was not read before at this version: whether to emit it
     */
    public boolean remember(String key, String version, Instant updated) {
        Seen before = fresh.containsKey(key) ? fresh.get(key) : original.get(key);
        fresh.put(key, new Seen(version, updated));
        if (max == null || updated.isAfter(max)) {
            max = updated;
        }
        return before == null || !before.version().equals(version);
    }

    /**
     * A checkpoint between pages: {@code since}, {@code start}, the reader's position fields,
     * {@code max} and {@code seen}.
     *
     * @param position writes the fields that say where the read resumes
     */
    public Checkpoint between(Consumer<ObjectNode> position) {
        prune(fresh);
        ObjectNode node = JsonHttpClient.JSON.createObjectNode();
        times.put(node, "since", since);
        times.put(node, "start", start);
        position.accept(node);
        times.put(node, "max", max);
        Map<String, Seen> all = new HashMap<>(original);
        all.putAll(fresh);
        putSeen(node, all);
        return new Checkpoint(node.toString());
    }

    /** The checkpoint of a completed read: the high-water mark becomes the next read's {@code since}. */
    public Checkpoint completed() {
        Map<String, Seen> all = new HashMap<>(original);
        all.putAll(fresh);
        prune(all);
        ObjectNode node = JsonHttpClient.JSON.createObjectNode();
        times.put(node, "since", max);
        putSeen(node, all);
        return new Checkpoint(node.toString());
    }

    /** Drops what no read will be asked for again: updated before the look-back of the high-water mark. */
    private void prune(Map<String, Seen> seen) {
        if (max != null) {
            Instant keepFrom = max.minus(lookback);
            seen.values().removeIf(s -> s.updatedAt().isBefore(keepFrom));
        }
    }

    private void putSeen(ObjectNode node, Map<String, Seen> seen) {
        ObjectNode out = node.putObject("seen");
        seen.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            var entry = out.putArray(e.getKey()).add(e.getValue().version());
            if (times == Times.EPOCH_MILLIS) {
                entry.add(e.getValue().updatedAt().toEpochMilli());
            } else {
                entry.add(e.getValue().updatedAt().toString());
            }
        });
    }
}
