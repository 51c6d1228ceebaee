package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A canonical catalog entry ({@code pos.items}): one sellable variation, keyed by the vendor's
 * variation id, with its item, SKU and price. An item without variations is one entry.
 *
 * @param price the variation's price, or null for variable pricing
 */
public record PosItem(String variationId, String vendor, String itemId, String name, String variationName,
        String sku, String category, String currency, BigDecimal price, boolean deleted, String updatedAt) {

    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("variation_id", variationId);
        data.put("vendor", vendor);
        data.put("item_id", itemId);
        data.put("name", name);
        data.put("variation_name", variationName);
        data.put("sku", sku);
        data.put("category", category);
        data.put("currency", currency);
        data.put("price", price);
        data.put("deleted", deleted);
        data.put("updated_at", updatedAt);
        return data;
    }
}
