package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.pos.PosInventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an order line's or an inventory count's catalog variation is: its item and SKU, which
 * Square's {@code OrderLineItem} and {@code InventoryCount} do not carry (only
 * {@code catalog_object_id}). Looked up with {@code BatchRetrieveCatalogObjects} for the ids not seen
 * yet in this read, at most 1000 per call, and kept for the rest of the read, so a page of orders
 * that sells the same few variations costs one call or none. A variation Square no longer knows
 * (deleted, or a custom amount) has no item or SKU. With names, the call also asks for the related
 * objects (the variations' items), for the item's name.
 *
 * <p>With categories, the call asks for the related items too, and the items' categories
 * ({@code categories[0]}, else the deprecated {@code category_id}) not seen yet in this read are
 * retrieved with one more {@code BatchRetrieveCatalogObjects}: related objects go one level deep
 * only (Square's {@code BatchRetrieveCatalogObjectsRequest.include_related_objects}: "Objects
 * referenced by the related objects will not be included"), so a variation's answer names its item
 * but not the item's category. A variation, item or category that is deleted has no category.
 */
final class SquareVariations {

    /** BatchRetrieveCatalogObjects takes at most 1000 ids. */
    static final int IDS_PER_CALL = 1000;

    /** A variation's item, SKU, name ({@link PosInventory#name}) and its item's category name; any may be null. */
    record Variation(String itemId, String sku, String name, String category) {
        static final Variation UNKNOWN = new Variation(null, null, null, null);
    }

    private final SquareApi api;
    private final boolean names;
    private final boolean categories;
    private final Map<String, Variation> known = new HashMap<>();
    /** Category names by id as looked up in this read; null for one deleted or unknown. */
    private final Map<String, String> categoryNames = new HashMap<>();

    /** Items, SKUs and categories (order lines). */
    SquareVariations(SquareApi api) {
        this(api, false, true);
    }

    /**
     * @param names whether to look up the items' names too (one answer with the related items)
     * @param categories whether to look up the items' categories (one more call for the categories not
     *     seen yet)
     */
    SquareVariations(SquareApi api, boolean names, boolean categories) {
        this.api = api;
        this.names = names;
        this.categories = categories;
    }

    /** Looks up the ids not known yet, in as few calls as the limit allows. */
    void load(Collection<String> variationIds) {
        Set<String> missing = new LinkedHashSet<>();
        for (String id : variationIds) {
            if (id != null && !id.isEmpty() && !known.containsKey(id)) {
                missing.add(id);
            }
        }
        List<String> ids = new ArrayList<>(missing);
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            ObjectNode body = SquareApi.JSON.createObjectNode();
            ArrayNode array = body.putArray("object_ids");
            batch.forEach(array::add);
            body.put("include_related_objects", names || categories);
            JsonNode answer = api.post("/v2/catalog/batch-retrieve", body);
            Map<String, JsonNode> items = new HashMap<>();
            for (JsonNode related : answer.path("related_objects")) {
                if ("ITEM".equals(related.path("type").asText())) {
                    items.put(related.path("id").asText(), related);
                }
            }
            if (categories) {
                loadCategories(items.values());
            }
            for (JsonNode o : answer.path("objects")) {
                if ("ITEM_VARIATION".equals(o.path("type").asText())) {
                    JsonNode v = o.path("item_variation_data");
                    String itemId = v.path("item_id").asText(null);
                    JsonNode item = itemId == null ? null : items.get(itemId);
                    String name = names ? PosInventory.name(item == null ? null : item.path("item_data").path("name")
                            .asText(null), v.path("name").asText(null)) : null;
                    String category = item == null || o.path("is_deleted").asBoolean(false)
                            || item.path("is_deleted").asBoolean(false) ? null : categoryNames.get(categoryId(item));
                    known.put(o.path("id").asText(), new Variation(itemId, v.path("sku").asText(null), name,
                            categories ? category : null));
                }
            }
            batch.forEach(id -> known.putIfAbsent(id, Variation.UNKNOWN));
        }
    }

    /** The item's category: the first of {@code categories[]}, else the deprecated {@code category_id}; or null. */
    static String categoryId(JsonNode item) {
        JsonNode data = item.path("item_data");
        String id = data.path("categories").path(0).path("id").asText(data.path("category_id").asText(""));
        return id.isEmpty() ? null : id;
    }

    /** Retrieves the items' categories not looked up yet in this read (fewer than 1000 per call). */
    private void loadCategories(Collection<JsonNode> items) {
        Set<String> missing = new LinkedHashSet<>();
        for (JsonNode item : items) {
            String id = categoryId(item);
            if (id != null && !categoryNames.containsKey(id)) {
                missing.add(id);
            }
        }
        List<String> ids = new ArrayList<>(missing);
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            ObjectNode body = SquareApi.JSON.createObjectNode();
            ArrayNode array = body.putArray("object_ids");
            batch.forEach(array::add);
            JsonNode answer = api.post("/v2/catalog/batch-retrieve", body);
            for (JsonNode o : answer.path("objects")) {
                if ("CATEGORY".equals(o.path("type").asText()) && !o.path("is_deleted").asBoolean(false)) {
                    categoryNames.put(o.path("id").asText(), o.path("category_data").path("name").asText(null));
                }
            }
            batch.forEach(id -> categoryNames.putIfAbsent(id, null));
        }
    }

    /** The variation's item and SKU, as loaded; unknown when never loaded or not found. */
    Variation get(String variationId) {
        return Optional.ofNullable(variationId).map(known::get).orElse(Variation.UNKNOWN);
    }
}
