package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code inventorySetQuantities(input: {name, reason, ignoreCompareQuantity, referenceDocumentUri,
 * quantities: [{inventoryItemId, locationId, quantity, compareQuantity}]})}. Problems are
 * {@code userErrors[{field, message, code}]} in the payload (HTTP 200) and then nothing changes.
 */
final class GraphqlMutations {

    private static final Set<String> NAMES = Set.of("available", "on_hand");
    private static final Set<String> REASONS = Set.of("correction", "cycle_count_available", "damaged",
            "movement_created", "movement_updated", "movement_received", "movement_canceled", "other",
            "promotion", "quality_control", "received", "reservation_created", "reservation_deleted",
            "reservation_updated", "restock", "safety_stock", "shrinkage");

    private final ShopEvents events;
    private final Supplier<Instant> clock;

    GraphqlMutations(ShopEvents events, Supplier<Instant> clock) {
        this.events = events;
        this.clock = clock;
    }

    JsonNode resolve(ShopData shop, GraphqlDocument.Field field) {
        if (!"inventorySetQuantities".equals(field.name())) {
            throw new GraphqlApi.QueryException("Field '" + field.name() + "' doesn't exist on type 'Mutation'",
                    "undefinedField");
        }
        JsonNode input = field.argument("input");
        if (!input.isObject()) {
            throw new GraphqlApi.QueryException(
                    "Argument 'input' on Field 'inventorySetQuantities' is required", "missingRequiredArguments");
        }
        ObjectNode payload = GraphqlNodes.typed("InventorySetQuantitiesPayload");
        ArrayNode userErrors = payload.putArray("userErrors");
        String name = input.path("name").asText("");
        if (!NAMES.contains(name)) {
            userError(userErrors, "INVALID_NAME", "The quantity name must be either 'available' or 'on_hand'.",
                    "input", "name");
        }
        String reason = input.path("reason").asText("");
        if (!REASONS.contains(reason)) {
            userError(userErrors, "INVALID_REASON", "The specified reason is invalid.", "input", "reason");
        }
        boolean ignoreCompare = input.path("ignoreCompareQuantity").asBoolean(false);
        List<ShopRecord> levels = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        JsonNode changes = input.path("quantities");
        for (int i = 0; i < changes.size(); i++) {
            JsonNode change = changes.get(i);
            String index = Integer.toString(i);
            long item = legacyId(change.path("inventoryItemId").asText(), "InventoryItem");
            long location = legacyId(change.path("locationId").asText(), "Location");
            if (!change.path("quantity").canConvertToInt()) {
                userError(userErrors, "INVALID_QUANTITY", "The quantity is required and must be an integer.",
                        "input", "quantities", index, "quantity");
                continue;
            }
            if (!shop.locations.containsKey(location)) {
                userError(userErrors, "INVALID_LOCATION", "The specified location could not be found.",
                        "input", "quantities", index, "locationId");
                continue;
            }
            Optional<ShopRecord> level = shop.level(item, location);
            if (level.isEmpty()) {
                userError(userErrors, "INVALID_INVENTORY_ITEM",
                        "The specified inventory item could not be found or is not stocked at the location.",
                        "input", "quantities", index, "inventoryItemId");
                continue;
            }
            int current = level.get().json.path("available").asInt();
            if (!ignoreCompare && (!change.path("compareQuantity").canConvertToInt()
                    || change.path("compareQuantity").asInt() != current)) {
                userError(userErrors, "COMPARE_QUANTITY_STALE",
                        "The compareQuantity argument no longer matches the persisted quantity.",
                        "input", "quantities", index, "compareQuantity");
                continue;
            }
            levels.add(level.get());
            quantities.add(change.path("quantity").asInt());
        }
        if (changes.isEmpty()) {
            userError(userErrors, "INVALID_QUANTITY", "At least one quantity is required.", "input", "quantities");
        }
        if (!userErrors.isEmpty()) {
            payload.putNull("inventoryAdjustmentGroup");
            return payload;
        }
        Instant now = clock.get();
        ObjectNode group = payload.putObject("inventoryAdjustmentGroup");
        group.put("__typename", "InventoryAdjustmentGroup");
        group.put("id", ShopifyJson.gid("InventoryAdjustmentGroup", now.toEpochMilli()));
        group.put("createdAt", now.toString());
        group.put("reason", reason);
        group.put("referenceDocumentUri", input.path("referenceDocumentUri").asText(null));
        ArrayNode applied = group.putArray("changes");
        for (int i = 0; i < levels.size(); i++) {
            ShopRecord level = levels.get(i);
            int before = level.json.path("available").asInt();
            level.json.put("available", quantities.get(i));
            level.touch(shop, now);
            ObjectNode change = applied.addObject();
            change.put("__typename", "InventoryChange");
            change.put("name", name);
            change.put("delta", quantities.get(i) - before);
            change.put("quantityAfterChange", quantities.get(i));
            ObjectNode item = change.putObject("item");
            item.put("__typename", "InventoryItem");
            item.put("id", ShopifyJson.gid("InventoryItem", level.json.path("inventory_item_id").asLong()));
            ObjectNode location = change.putObject("location");
            location.put("__typename", "Location");
            location.put("id", ShopifyJson.gid("Location", level.json.path("location_id").asLong()));
            events.changed(shop, "inventory_levels/update", level.snapshot(), now);
        }
        return payload;
    }

    private static long legacyId(String gid, String type) {
        String prefix = "gid://shopify/" + type + "/";
        if (gid.startsWith(prefix)) {
            try {
                return Long.parseLong(gid.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static void userError(ArrayNode errors, String code, String message, String... field) {
        ObjectNode error = errors.addObject();
        error.put("__typename", "InventorySetQuantitiesUserError");
        ArrayNode path = error.putArray("field");
        for (String part : field) {
            path.add(part);
        }
        error.put("message", message);
        error.put("code", code);
    }
}
