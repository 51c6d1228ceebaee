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
 */
final class SquareVariations {

    /** BatchRetrieveCatalogObjects takes at most 1000 ids. */
    static final int IDS_PER_CALL = 1000;

    /** A variation's item, SKU and name ({@link PosInventory#name}); any may be null. */
    record Variation(String itemId, String sku, String name) {
        static final Variation UNKNOWN = new Variation(null, null, null);
    }

    private final SquareApi api;
    private final boolean names;
    private final Map<String, Variation> known = new HashMap<>();

    /** Items and SKUs only (order lines). */
    SquareVariations(SquareApi api) {
        this(api, false);
    }

    /** @param names whether to look up the items' names too (one answer with the related items) */
    SquareVariations(SquareApi api, boolean names) {
        this.api = api;
        this.names = names;
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
            body.put("include_related_objects", names);
            JsonNode answer = api.post("/v2/catalog/batch-retrieve", body);
            Map<String, String> items = new HashMap<>();
            for (JsonNode related : answer.path("related_objects")) {
                if ("ITEM".equals(related.path("type").asText())) {
                    items.put(related.path("id").asText(), related.path("item_data").path("name").asText(null));
                }
            }
            for (JsonNode o : answer.path("objects")) {
                if ("ITEM_VARIATION".equals(o.path("type").asText())) {
                    JsonNode v = o.path("item_variation_data");
                    String itemId = v.path("item_id").asText(null);
                    String name = names ? PosInventory.name(items.get(itemId), v.path("name").asText(null)) : null;
                    known.put(o.path("id").asText(), new Variation(itemId, v.path("sku").asText(null), name));
                }
            }
            batch.forEach(id -> known.putIfAbsent(id, Variation.UNKNOWN));
        }
    }

    /** The variation's item and SKU, as loaded; unknown when never loaded or not found. */
    Variation get(String variationId) {
        return Optional.ofNullable(variationId).map(known::get).orElse(Variation.UNKNOWN);
    }
}
