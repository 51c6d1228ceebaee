package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets inventory levels ({@code POST inventory_levels/set.json}: {@code location_id},
 * {@code inventory_item_id}, {@code available}). Setting is absolute, so writing the same record again
 * cannot count twice; the level is read first ({@code GET inventory_levels.json}), and a level that
 * already has the value is reported UNCHANGED without a write. Shopify counts whole units: a
 * quantity with a fraction is rejected, as is a level Shopify refuses (an item not stocked at the
 * location, an unknown location: 422); the rest of the batch goes on.
 */
final class ShopifyInventoryWrite {

    private final ShopifyApi api;

    ShopifyInventoryWrite(ShopifyApi api) {
        this.api = api;
    }

    List<WriteResult> write(List<WriteRecord> batch) {
        List<WriteResult> out = new ArrayList<>();
        for (WriteRecord record : batch) {
            out.add(write(record));
        }
        return out;
    }

    /** The levels the batch's records would set, as the shop has them now, by idempotency key. */
    Map<String, Map<String, Object>> current(List<WriteRecord> batch) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (WriteRecord record : batch) {
            Optional<Level> level = Level.of(record);
            if (level.isPresent()) {
                read(level.get()).ifPresent(available -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("inventory_item_id", new BigDecimal(level.get().item()));
                    data.put("location_id", new BigDecimal(level.get().location()));
                    data.put("available", BigDecimal.valueOf(available));
                    out.put(record.idempotencyKey(), data);
                });
            }
        }
        return out;
    }

    private WriteResult write(WriteRecord record) {
        Optional<Level> parsed = Level.of(record);
        if (parsed.isEmpty()) {
            return WriteResult.rejected(record.idempotencyKey(), Level.problem(record));
        }
        Level level = parsed.get();
        String ref = level.item() + ":" + level.location();
        try {
            Optional<Long> now = read(level);
            if (now.isPresent() && now.get() == level.available()) {
                return WriteResult.unchanged(record.idempotencyKey(), ref);
            }
            ObjectNode body = ShopifyApi.JSON.createObjectNode();
            body.put("location_id", Long.parseLong(level.location()));
            body.put("inventory_item_id", Long.parseLong(level.item()));
            body.put("available", level.available());
            api.post("inventory_levels/set", body);
            return WriteResult.written(record.idempotencyKey(), ref);
        } catch (ConnectorException e) {
            if (e.category() == Category.CONFIG) {
                return WriteResult.rejected(record.idempotencyKey(), "Shopify refused the level: " + e.getMessage());
            }
            throw e;
        }
    }

    private Optional<Long> read(Level level) {
        JsonNode answer = api.get("inventory_levels", Map.of("inventory_item_ids", level.item(),
                "location_ids", level.location()));
        for (JsonNode l : answer.path("inventory_levels")) {
            if (level.location().equals(l.path("location_id").asText()) && l.path("available").canConvertToLong()) {
                return Optional.of(l.path("available").asLong());
            }
        }
        return Optional.empty();
    }

    /** A record's level: ids as digits, a whole quantity. */
    private record Level(String item, String location, long available) {

        static Optional<Level> of(WriteRecord record) {
            String item = id(record.data().get("inventory_item_id"));
            String location = id(record.data().get("location_id"));
            BigDecimal available = decimal(record.data().get("available"));
            if (item == null || location == null || available == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Level(item, location, available.longValueExact()));
            } catch (ArithmeticException fraction) {
                return Optional.empty();
            }
        }

        static String problem(WriteRecord record) {
            if (id(record.data().get("inventory_item_id")) == null) {
                return "inventory_item_id must be a Shopify id (a number)";
            }
            if (id(record.data().get("location_id")) == null) {
                return "location_id must be a Shopify id (a number)";
            }
            return "available must be a whole number: Shopify counts whole units";
        }

        private static String id(Object value) {
            String text = value == null ? "" : value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                    : value.toString().trim();
            return text.matches("\\d{1,20}") ? text : null;
        }

        private static BigDecimal decimal(Object value) {
            if (value instanceof BigDecimal d) {
                return d;
            }
            try {
                return value == null ? null : new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
