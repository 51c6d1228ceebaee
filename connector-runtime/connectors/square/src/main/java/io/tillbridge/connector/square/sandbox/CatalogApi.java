package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v2/catalog/list} and {@code POST /v2/catalog/search} (scope {@code ITEMS_READ}).
 * Listing has a fixed page size (100 at Square) and never returns deleted objects; {@code types}
 * is a case-insensitive comma-separated list and defaults to the top-level types (an item's
 * variations and a modifier list's modifiers come inside their parent). Searching takes
 * {@code object_types}, {@code begin_time} (exclusive: an object updated exactly then is left out),
 * {@code include_deleted_objects}, {@code include_related_objects} and an advisory {@code limit}
 * (at most 1000; an invalid one is ignored) and answers {@code latest_time}. The sandbox does not
 * implement {@code query} (400) or {@code catalog_version} (ignored). Upserting
 * ({@code POST /v2/catalog/object}) is offered for item variations, see {@link #upsert}.
 */
final class CatalogApi {

    private static final Set<String> NESTED = Set.of("ITEM_VARIATION", "MODIFIER");
    private static final Set<String> TYPES = Set.of("ITEM", "IMAGE", "CATEGORY", "ITEM_VARIATION", "TAX",
            "DISCOUNT", "MODIFIER_LIST", "MODIFIER", "PRICING_RULE", "PRODUCT_SET", "TIME_PERIOD",
            "MEASUREMENT_UNIT", "SUBSCRIPTION_PLAN_VARIATION", "ITEM_OPTION", "ITEM_OPTION_VAL",
            "CUSTOM_ATTRIBUTE_DEFINITION", "QUICK_AMOUNTS_SETTINGS", "SUBSCRIPTION_PLAN", "AVAILABILITY_PERIOD");

    private final SandboxData data;
    private final PageCursors cursors;
    private final SquareSandboxOptions options;
    private final IdempotencyKeys keys;

    CatalogApi(SandboxData data, PageCursors cursors, SquareSandboxOptions options, IdempotencyKeys keys) {
        this.data = data;
        this.cursors = cursors;
        this.options = options;
        this.keys = keys;
    }

    SandboxResponse list(SandboxRequest request) {
        List<String> types = new ArrayList<>();
        if (request.param("types") != null) {
            for (String t : request.param("types").split(",")) {
                types.add(t.trim().toUpperCase(Locale.ROOT));
            }
        }
        List<ObjectNode> found = select(types, "types", false, Instant.MIN);
        PageCursors.Position position = cursors.start(request, request.param("cursor"), data.now());
        return answer(cursors.page(found, position, options.catalogPageSize()), null, false);
    }

    SandboxResponse search(SandboxRequest request) {
        ObjectNode body = request.bodyObject();
        if (body.has("query")) {
            throw SquareApiException.badRequest("BAD_REQUEST", "The sandbox does not implement catalog queries",
                    "query");
        }
        List<String> types = new ArrayList<>();
        body.path("object_types").forEach(t -> types.add(t.asText().toUpperCase(Locale.ROOT)));
        Instant begin = body.has("begin_time") ? SquareJson.instant(body.path("begin_time").asText(), "begin_time")
                : Instant.MIN;
        List<ObjectNode> found = select(types, "object_types", body.path("include_deleted_objects").asBoolean(),
                begin);
        int limit = body.path("limit").asInt(100);
        if (limit < 1 || limit > 1000) {
            limit = 100;
        }
        PageCursors.Position position = cursors.start(request, body.path("cursor").asText(null), data.now());
        return answer(cursors.page(found, position, limit), latestTime(),
                body.path("include_related_objects").asBoolean());
    }

    /**
     * {@code POST /v2/catalog/batch-retrieve}: the objects with the given {@code object_ids} (1 to
     * 1000), deleted ones included, unknown ids left out; {@code include_related_objects} as in search.
     */
    SandboxResponse batchRetrieve(SandboxRequest request) {
        ObjectNode body = request.bodyObject();
        JsonNode ids = body.path("object_ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "Field must be set", "object_ids");
        }
        if (ids.size() > 1000) {
            throw SquareApiException.badRequest("INVALID_ARRAY_LENGTH", "At most 1000 object ids", "object_ids");
        }
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode id : ids) {
            ObjectNode o = data.catalogObject(id.asText());
            if (o != null) {
                found.add(o);
            }
        }
        return answer(new PageCursors.Page<>(found, null), null, body.path("include_related_objects").asBoolean());
    }

    /**
     * {@code POST /v2/catalog/object} (UpsertCatalogObject) for an existing item variation: its
     * {@code name}, {@code sku} and {@code price_money} take the values sent, its {@code version} and
     * {@code updated_at} move on, and its parent item keeps its own: every catalog object carries its
     * own version, so a reader that looks at items alone never sees the change. The {@code version}
     * sent must be the current one (409 {@code CONFLICT} otherwise: the spec's error codes have no
     * more specific one); a repeated idempotency key
     * answers the first answer. Creating objects and other types are not implemented (400).
     */
    SandboxResponse upsert(SandboxRequest request) {
        ObjectNode body = request.bodyObject();
        String key = body.path("idempotency_key").asText("");
        if (key.isEmpty() || key.length() > 128) {
            throw SquareApiException.badRequest(key.isEmpty() ? "MISSING_REQUIRED_PARAMETER" : "VALUE_TOO_LONG",
                    "idempotency_key must have 1 to 128 characters", "idempotency_key");
        }
        JsonNode object = body.path("object");
        if (!"ITEM_VARIATION".equals(object.path("type").asText())) {
            throw SquareApiException.badRequest("BAD_REQUEST", "The sandbox upserts item variations only",
                    "object.type");
        }
        return SandboxResponse.ok(keys.once(request.merchantId() + " catalog", key, SquareJson.canonical(body),
                () -> updateVariation(object)));
    }

    private JsonNode updateVariation(JsonNode sent) {
        ObjectNode stored = data.catalogObject(sent.path("id").asText());
        if (stored == null || !"ITEM_VARIATION".equals(stored.path("type").asText())
                || stored.path("is_deleted").asBoolean()) {
            throw SquareApiException.notFound("Catalog object " + sent.path("id").asText() + " not found");
        }
        if (sent.has("version") && sent.path("version").asLong() != stored.path("version").asLong()) {
            throw new SquareApiException(409, "INVALID_REQUEST_ERROR", "CONFLICT", "Object version does not match"
                    + " latest database version", "object.version");
        }
        JsonNode given = sent.path("item_variation_data");
        ObjectNode target = (ObjectNode) stored.path("item_variation_data");
        for (String field : List.of("name", "sku", "price_money")) {
            if (given.has(field)) {
                target.set(field, given.path(field).deepCopy());
            }
        }
        Instant now = data.now();
        long version = Math.max(now.toEpochMilli(), stored.path("version").asLong() + 1);
        stored.put("version", version);
        stored.put("updated_at", SquareJson.time(now));
        ObjectNode out = SquareJson.object();
        out.set("catalog_object", stored.deepCopy());
        return out;
    }

    private List<ObjectNode> select(List<String> types, String field, boolean deleted, Instant after) {
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw SquareApiException.badRequest("INVALID_ENUM_VALUE", "Unknown catalog object type " + t, field);
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : data.catalogLive()) {
            String type = o.path("type").asText();
            boolean wanted = types.isEmpty() ? !NESTED.contains(type) : types.contains(type);
            if (wanted && (deleted || !o.path("is_deleted").asBoolean())
                    && Instant.parse(o.path("updated_at").asText()).isAfter(after)) {
                out.add(o);
            }
        }
        return out;
    }

    private SandboxResponse answer(PageCursors.Page<ObjectNode> page, String latestTime, boolean related) {
        ObjectNode out = PageCursors.body("objects", page);
        Map<String, ObjectNode> relatedObjects = new LinkedHashMap<>();
        for (ObjectNode o : page.items()) {
            if (related) {
                // A variation's parent item is related to it, as at Square.
                relate(o.path("item_variation_data").path("item_id").asText(), relatedObjects);
                JsonNode item = o.path("item_data");
                item.path("categories").forEach(c -> relate(c.path("id").asText(), relatedObjects));
                item.path("tax_ids").forEach(t -> relate(t.asText(), relatedObjects));
                item.path("modifier_list_info").forEach(m -> relate(m.path("modifier_list_id").asText(),
                        relatedObjects));
            }
        }
        if (related) {
            ArrayNode r = out.putArray("related_objects");
            relatedObjects.values().forEach(o -> r.add(o.deepCopy()));
        }
        if (latestTime != null) {
            out.put("latest_time", latestTime);
        }
        return SandboxResponse.ok(out);
    }

    private void relate(String id, Map<String, ObjectNode> into) {
        ObjectNode o = data.catalogObject(id);
        if (o != null) {
            into.putIfAbsent(id, o);
        }
    }

    private String latestTime() {
        Instant latest = Instant.EPOCH;
        for (ObjectNode o : data.catalogLive()) {
            Instant t = Instant.parse(o.path("updated_at").asText());
            latest = t.isAfter(latest) ? t : latest;
        }
        return SquareJson.time(latest);
    }
}
