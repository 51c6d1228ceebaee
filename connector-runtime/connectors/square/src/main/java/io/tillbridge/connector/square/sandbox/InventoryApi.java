package io.tillbridge.connector.square.sandbox;

import static io.tillbridge.connector.square.sandbox.SquareJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v2/inventory/counts/batch-retrieve} ({@code INVENTORY_READ}: counts sorted by
 * {@code calculated_at} newest first, quantities as decimal strings, {@code limit} 1..1000) and
 * {@code POST /v2/inventory/changes/batch-create} ({@code INVENTORY_WRITE}: {@code idempotency_key}
 * required; physical counts, adjustments and transfers of {@code IN_STOCK}; {@code occurred_at}
 * neither older than 24 hours nor in the future). The sandbox keeps {@code IN_STOCK} counts only;
 * other states are where adjusted stock comes from or goes to. At most 100 changes per request
 * (Square's maximum is not documented).
 */
final class InventoryApi {

    private final SandboxData data;
    private final PageCursors cursors;
    private final IdempotencyKeys keys;
    private final SandboxEvents events;
    private final SquareIds ids;

    InventoryApi(SandboxData data, PageCursors cursors, IdempotencyKeys keys, SandboxEvents events, SquareIds ids) {
        this.data = data;
        this.cursors = cursors;
        this.keys = keys;
        this.events = events;
        this.ids = ids;
    }

    SandboxResponse counts(SandboxRequest request) {
        ObjectNode body = request.bodyObject();
        Set<String> objects = strings(body.path("catalog_object_ids"));
        Set<String> locations = strings(body.path("location_ids"));
        Set<String> states = strings(body.path("states"));
        Instant after = body.has("updated_after")
                ? SquareJson.instant(body.path("updated_after").asText(), "updated_after") : Instant.EPOCH;
        int limit = body.path("limit").asInt(100);
        if (limit < 1 || limit > 1000) {
            throw SquareApiException.badRequest(limit < 1 ? "VALUE_TOO_LOW" : "VALUE_TOO_HIGH",
                    "limit must be between 1 and 1000", "limit");
        }
        PageCursors.Position position = cursors.start(request, body.path("cursor").asText(null), data.now());
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode c : data.inventoryLive()) {
            if ((objects.isEmpty() || objects.contains(c.path("catalog_object_id").asText()))
                    && (locations.isEmpty() || locations.contains(c.path("location_id").asText()))
                    && (states.isEmpty() || states.contains(c.path("state").asText()))
                    && Instant.parse(c.path("calculated_at").asText()).isAfter(after)) {
                found.add(c);
            }
        }
        found.sort(Comparator.<ObjectNode, Instant>comparing(c -> Instant.parse(c.path("calculated_at").asText()))
                .reversed().thenComparing(c -> c.path("catalog_object_id").asText() + c.path("location_id").asText()));
        return SandboxResponse.ok(PageCursors.body("counts", cursors.page(found, position, limit)));
    }

    SandboxResponse change(SandboxRequest request) {
        ObjectNode body = request.bodyObject();
        String key = body.path("idempotency_key").asText("");
        if (key.isEmpty()) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "idempotency_key is required",
                    "idempotency_key");
        }
        if (key.length() > 128) {
            throw SquareApiException.badRequest("VALUE_TOO_LONG", "idempotency_key is longer than 128",
                    "idempotency_key");
        }
        JsonNode changes = body.path("changes");
        if (changes.size() > 100) {
            throw SquareApiException.badRequest("ARRAY_LENGTH_TOO_LONG", "At most 100 changes", "changes");
        }
        String fingerprint = SquareJson.canonical(body);
        return SandboxResponse.ok(keys.once(request.merchantId() + " inventory", key, fingerprint,
                () -> apply(changes)));
    }

    private JsonNode apply(JsonNode changes) {
        Instant now = data.now();
        for (int i = 0; i < changes.size(); i++) {
            validate(changes.get(i), "changes[" + i + "]", now);
        }
        Map<String, ObjectNode> touched = new LinkedHashMap<>();
        ObjectNode out = SquareJson.object();
        ArrayNode applied = out.putArray("changes");
        for (JsonNode change : changes) {
            ObjectNode copy = change.deepCopy();
            String type = change.path("type").asText();
            ObjectNode part = (ObjectNode) copy.path(part(type));
            part.put("id", ids.uid());
            part.put("catalog_object_type", "ITEM_VARIATION");
            part.put("created_at", time(now));
            BigDecimal quantity = new BigDecimal(part.path("quantity").asText());
            String object = part.path("catalog_object_id").asText();
            switch (type) {
                case "PHYSICAL_COUNT" -> set(touched, object, part.path("location_id").asText(), quantity, now);
                case "ADJUSTMENT" -> {
                    String location = part.path("location_id").asText();
                    BigDecimal delta = BigDecimal.ZERO;
                    delta = "IN_STOCK".equals(part.path("from_state").asText()) ? delta.subtract(quantity) : delta;
                    delta = "IN_STOCK".equals(part.path("to_state").asText()) ? delta.add(quantity) : delta;
                    set(touched, object, location, current(object, location).add(delta), now);
                }
                default -> {
                    String from = part.path("from_location_id").asText();
                    String to = part.path("to_location_id").asText();
                    set(touched, object, from, current(object, from).subtract(quantity), now);
                    set(touched, object, to, current(object, to).add(quantity), now);
                }
            }
            applied.add(copy);
        }
        ArrayNode counts = out.putArray("counts");
        for (Map.Entry<String, ObjectNode> e : touched.entrySet()) {
            counts.add(e.getValue().deepCopy());
            ObjectNode object = SquareJson.object();
            object.putArray("inventory_counts").add(e.getValue().deepCopy());
            events.publish("inventory.count.updated", now, "inventory_counts",
                    e.getValue().path("catalog_object_id").asText(), object);
        }
        return out;
    }

    private void validate(JsonNode change, String field, Instant now) {
        String type = change.path("type").asText();
        if (!Set.of("PHYSICAL_COUNT", "ADJUSTMENT", "TRANSFER").contains(type)) {
            throw SquareApiException.badRequest("INVALID_ENUM_VALUE", "Unknown change type " + type, field + ".type");
        }
        String name = part(type);
        JsonNode part = change.path(name);
        String at = field + "." + name;
        ObjectNode variation = data.catalogObject(part.path("catalog_object_id").asText());
        if (variation == null || !"ITEM_VARIATION".equals(variation.path("type").asText())) {
            throw SquareApiException.badRequest("INVALID_VALUE", "Unknown catalog_object_id",
                    at + ".catalog_object_id");
        }
        for (String location : new String[] {"location_id", "from_location_id", "to_location_id"}) {
            boolean needed = "TRANSFER".equals(type) != "location_id".equals(location);
            if (needed && data.locationsLive().stream()
                    .noneMatch(l -> l.path("id").asText().equals(part.path(location).asText()))) {
                throw SquareApiException.badRequest("INVALID_VALUE", "Unknown " + location, at + "." + location);
            }
        }
        try {
            BigDecimal q = new BigDecimal(part.path("quantity").asText());
            if (q.scale() > 5 || q.signum() < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw SquareApiException.badRequest("INVALID_VALUE", "quantity must be a decimal string with up to 5 "
                    + "decimal places", at + ".quantity");
        }
        if (!part.hasNonNull("occurred_at")) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "occurred_at is required",
                    at + ".occurred_at");
        }
        Instant occurred = SquareJson.instant(part.path("occurred_at").asText(), at + ".occurred_at");
        if (occurred.isAfter(now) || occurred.isBefore(now.minus(Duration.ofHours(24)))) {
            throw SquareApiException.badRequest("INVALID_VALUE",
                    "occurred_at cannot be older than 24 hours or in the future", at + ".occurred_at");
        }
    }

    private static String part(String type) {
        return switch (type) {
            case "PHYSICAL_COUNT" -> "physical_count";
            case "ADJUSTMENT" -> "adjustment";
            default -> "transfer";
        };
    }

    private BigDecimal current(String object, String location) {
        ObjectNode count = data.inventoryCount(CatalogSeed.inventoryKey(object, location));
        return count == null ? BigDecimal.ZERO : new BigDecimal(count.path("quantity").asText());
    }

    private void set(Map<String, ObjectNode> touched, String object, String location, BigDecimal quantity,
            Instant now) {
        String key = CatalogSeed.inventoryKey(object, location);
        ObjectNode count = data.inventoryCount(key);
        if (count == null) {
            count = SquareJson.object();
            count.put("catalog_object_id", object);
            count.put("catalog_object_type", "ITEM_VARIATION");
            count.put("state", "IN_STOCK");
            count.put("location_id", location);
            data.putInventory(key, count);
        }
        count.put("quantity", quantity.signum() == 0 ? "0" : quantity.stripTrailingZeros().toPlainString());
        count.put("calculated_at", time(now));
        count.put("is_estimated", false);
        touched.put(key, count);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
