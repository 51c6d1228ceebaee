package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code inventory_adjustments} with BatchChangeInventory: a record with {@code quantity} is
 * an {@code ADJUSTMENT} by that delta ({@code NONE -> IN_STOCK} when positive, {@code IN_STOCK ->
 * WASTE} when negative), one with {@code count} a {@code PHYSICAL_COUNT} of {@code IN_STOCK}. The
 * variation is {@code catalog_object_id}, or found by {@code sku} (ListCatalog of variations, once per
 * instance). {@code occurred_at} defaults to now; Square refuses one older than 24 hours.
 *
 * <p>At most 100 changes go in one request (the sandbox's limit; Square's is unverified). Each
 * request's {@code idempotency_key} is derived from the ledger keys of its records (a SHA-256 of them),
 * so the same batch written again is answered by Square with the original result and changes nothing.
 * Square's answer to a repeat is the same as to the original, so the outcome can tell a repeat only
 * within one instance (reported UNCHANGED); across instances it reports WRITTEN while Square changed
 * nothing. A request Square refuses as a whole (400) is split into one request per record, so that
 * only the refused records are REJECTED.
 */
final class InventoryAdjustments {

    static final int MAX_CHANGES = 100;

    private final SquareApi api;
    private final Clock clock;
    private final Set<String> written;
    private Map<String, String> variationsBySku;

    /** @param written the keys this instance has written, kept across batches */
    InventoryAdjustments(SquareApi api, Clock clock, Set<String> written) {
        this.api = api;
        this.clock = clock;
        this.written = written;
    }

    List<WriteResult> write(List<WriteRecord> batch) {
        WriteResult[] results = new WriteResult[batch.size()];
        List<Integer> chunk = new ArrayList<>();
        List<ObjectNode> changes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            WriteRecord record = batch.get(i);
            if (written.contains(record.idempotencyKey())) {
                results[i] = WriteResult.unchanged(record.idempotencyKey(), "");
                continue;
            }
            String problem = null;
            ObjectNode change = null;
            try {
                change = change(record.data());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                results[i] = WriteResult.rejected(record.idempotencyKey(), problem);
                continue;
            }
            chunk.add(i);
            changes.add(change);
            if (chunk.size() == MAX_CHANGES) {
                send(batch, chunk, changes, results);
                chunk.clear();
                changes.clear();
            }
        }
        if (!chunk.isEmpty()) {
            send(batch, chunk, changes, results);
        }
        return List.of(results);
    }

    private void send(List<WriteRecord> batch, List<Integer> chunk, List<ObjectNode> changes, WriteResult[] results) {
        List<String> keys = chunk.stream().map(i -> batch.get(i).idempotencyKey()).toList();
        JsonNode answer;
        try {
            answer = api.post("/v2/inventory/changes/batch-create", body(keys, changes));
        } catch (ConnectorException e) {
            if (e.category() != Category.CONFIG) {
                throw e;
            }
            if (chunk.size() == 1) {
                results[chunk.get(0)] = WriteResult.rejected(keys.get(0), "Square refused the change: "
                        + e.getMessage());
                return;
            }
            for (int j = 0; j < chunk.size(); j++) {
                send(batch, List.of(chunk.get(j)), List.of(changes.get(j)), results);
            }
            return;
        }
        JsonNode applied = answer.path("changes");
        for (int j = 0; j < chunk.size(); j++) {
            JsonNode change = applied.path(j);
            String ref = change.path("adjustment").path("id").asText(change.path("physical_count").path("id").asText(""));
            results[chunk.get(j)] = WriteResult.written(keys.get(j), ref);
            written.add(keys.get(j));
        }
    }

    private static ObjectNode body(List<String> keys, List<ObjectNode> changes) {
        ObjectNode body = SquareApi.JSON.createObjectNode();
        body.put("idempotency_key", idempotencyKey(keys));
        ArrayNode list = body.putArray("changes");
        changes.forEach(list::add);
        body.put("ignore_unchanged_counts", true);
        return body;
    }

    /** Square takes 1..128 characters: a SHA-256 (hex) of the records' ledger keys, in batch order. */
    static String idempotencyKey(List<String> recordKeys) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String key : recordKeys) {
                sha.update(key.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "tillbridge-" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode change(Map<String, Object> data) {
        String location = text(data.get("location_id"));
        if (location == null) {
            throw new IllegalArgumentException("location_id is required");
        }
        String variation = text(data.get("catalog_object_id"));
        if (variation == null) {
            String sku = text(data.get("sku"));
            if (sku == null) {
                throw new IllegalArgumentException("catalog_object_id or sku is required");
            }
            variation = variationsBySku().get(sku);
            if (variation == null) {
                throw new IllegalArgumentException("no variation has the SKU " + sku);
            }
        }
        String occurredAt = text(data.get("occurred_at"));
        try {
            occurredAt = occurredAt == null ? clock.instant().toString() : Instant.parse(occurredAt).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("occurred_at is not an RFC 3339 time: " + occurredAt);
        }
        ObjectNode change = SquareApi.JSON.createObjectNode();
        BigDecimal count = decimal(data.get("count"), "count");
        BigDecimal quantity = decimal(data.get("quantity"), "quantity");
        ObjectNode part;
        if (count != null) {
            change.put("type", "PHYSICAL_COUNT");
            part = change.putObject("physical_count");
            part.put("state", "IN_STOCK");
            part.put("quantity", plain(count));
        } else if (quantity != null && quantity.signum() != 0) {
            change.put("type", "ADJUSTMENT");
            part = change.putObject("adjustment");
            part.put("from_state", quantity.signum() > 0 ? "NONE" : "IN_STOCK");
            part.put("to_state", quantity.signum() > 0 ? "IN_STOCK" : "WASTE");
            part.put("quantity", plain(quantity.abs()));
        } else {
            throw new IllegalArgumentException("a non-zero quantity (a change) or a count (a physical count) is required");
        }
        part.put("catalog_object_id", variation);
        part.put("location_id", location);
        part.put("occurred_at", occurredAt);
        return change;
    }

    private Map<String, String> variationsBySku() {
        if (variationsBySku == null) {
            Map<String, String> found = new HashMap<>();
            String cursor = null;
            do {
                Map<String, String> query = new HashMap<>();
                query.put("types", "ITEM_VARIATION");
                query.put("cursor", cursor);
                JsonNode page = api.get("/v2/catalog/list", query);
                for (JsonNode v : page.path("objects")) {
                    String sku = v.path("item_variation_data").path("sku").asText("");
                    if (!sku.isEmpty()) {
                        found.putIfAbsent(sku, v.path("id").asText());
                    }
                }
                cursor = page.path("cursor").asText("");
            } while (!cursor.isEmpty());
            variationsBySku = found;
        }
        return variationsBySku;
    }

    private static BigDecimal decimal(Object value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return value instanceof BigDecimal d ? d : new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: " + value);
        }
    }

    /** Square's quantity: a decimal string with at most 5 decimals. */
    private static String plain(BigDecimal quantity) {
        if (quantity.stripTrailingZeros().scale() > 5) {
            throw new IllegalArgumentException("Square takes quantities with at most 5 decimals: " + quantity);
        }
        return quantity.signum() == 0 ? "0" : quantity.stripTrailingZeros().toPlainString();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
