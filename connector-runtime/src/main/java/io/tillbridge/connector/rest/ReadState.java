package io.tillbridge.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The state of a read of one stream and its encoding as a checkpoint (JSON):
 *
 * <ul>
 *   <li>{@code since}, {@code sinceIds}: the watermark this read started from. A record is new if
 *       its cursor value is after {@code since}, or equal to it and its key is not in
 *       {@code sinceIds}: records that share a timestamp are neither lost nor read twice.</li>
 *   <li>{@code max}, {@code maxIds}: the highest cursor value seen so far and the keys seen at it.</li>
 *   <li>{@code next}: where the next page is (a cursor, a page number, a URL), in a checkpoint taken
 *       between pages; a read resumed from it continues there with the same {@code since}, so it
 *       is correct whatever order the vendor returns records in.</li>
 * </ul>
 *
 * A completed read's checkpoint is {@code since = max, sinceIds = maxIds} and no {@code next}.
 * Records without a cursor value are always new (a stream without a cursor is read in full).
 */
public final class ReadState {

    private final String since;
    private final Set<String> sinceIds;
    private final String next;
    private String max;
    private Set<String> maxIds;

    private ReadState(String since, Set<String> sinceIds, String max, Set<String> maxIds, String next) {
        this.since = since;
        this.sinceIds = sinceIds;
        this.max = max;
        this.maxIds = maxIds;
        this.next = next;
    }

    /** The state a read starts from: a first read for {@code null}, else the decoded checkpoint. */
    public static ReadState from(Checkpoint checkpoint) {
        if (checkpoint == null) {
            return new ReadState(null, Set.of(), null, new LinkedHashSet<>(), null);
        }
        try {
            JsonNode node = JsonHttpClient.JSON.readTree(checkpoint.value());
            String since = textOrNull(node.get("since"));
            Set<String> sinceIds = ids(node.get("sinceIds"));
            String max = node.has("max") ? textOrNull(node.get("max")) : since;
            Set<String> maxIds = node.has("max") ? ids(node.get("maxIds")) : new LinkedHashSet<>(sinceIds);
            return new ReadState(since, Set.copyOf(sinceIds), max, maxIds, textOrNull(node.get("next")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConnectorException(ConnectorException.Category.SYSTEM,
                    "the checkpoint was not written by this connector: " + checkpoint, e);
        }
    }

    /** A completed read's checkpoint at this watermark, for tests and for resetting a stream. */
    public static Checkpoint at(String since, Set<String> sinceIds) {
        ObjectNode node = JsonHttpClient.JSON.createObjectNode();
        node.put("since", since);
        sinceIds.forEach(node.putArray("sinceIds")::add);
        return new Checkpoint(node.toString());
    }

    /** The watermark the read started from; null for a first read. */
    public String since() {
        return since;
    }

    /** Where to resume paging; null to start at the first page. */
    public String next() {
        return next;
    }

    /** Whether a record with this cursor value and key is not covered by the starting watermark. */
    public boolean isNew(String cursor, String key) {
        if (since == null || cursor.isEmpty()) {
            return true;
        }
        int order = CursorValues.compare(cursor, since);
        return order > 0 || order == 0 && !sinceIds.contains(key);
    }

    /** Records that a record was read, moving the high-water mark. */
    public void seen(String cursor, String key) {
        if (cursor.isEmpty()) {
            return;
        }
        int order = max == null ? 1 : CursorValues.compare(cursor, max);
        if (order > 0) {
            max = cursor;
            maxIds = new LinkedHashSet<>();
        }
        if (order >= 0) {
            maxIds.add(key);
        }
    }

    /** A checkpoint between pages: same watermark, high-water mark so far, and the next page. */
    public Checkpoint between(String nextPosition) {
        ObjectNode node = JsonHttpClient.JSON.createObjectNode();
        node.put("since", since);
        sinceIds.forEach(node.putArray("sinceIds")::add);
        node.put("max", max);
        maxIds.forEach(node.putArray("maxIds")::add);
        node.put("next", nextPosition);
        return new Checkpoint(node.toString());
    }

    /** The checkpoint of a completed read: the high-water mark becomes the next read's watermark. */
    public Checkpoint completed() {
        return at(max, maxIds);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Set<String> ids(JsonNode node) {
        Set<String> ids = new LinkedHashSet<>();
        if (node != null) {
            node.forEach(id -> ids.add(id.asText()));
        }
        return ids;
    }
}
