package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A canonical stock level ({@code pos.inventory}): how many units of one sellable variation one
 * location has, with the variation's SKU so that another system can match it.
 *
 * @param vendor the POS ({@code square}, {@code shopify}, {@code clover})
 * @param locationId the vendor's location id (Clover: the merchant id, its only location)
 * @param variationId the vendor's variation id, as in {@code pos.items}
 * @param itemId the variation's item, or null when the vendor no longer knows the variation
 * @param sku the variation's SKU, or null when it has none (a blank one is none)
 * @param name the item's name, with the variation's after a comma when it has one of its own
 *     ({@code Latte, Large}); null when unknown
 * @param quantity the units in {@code state}, exactly as the vendor counts them ({@code 0.75} kg);
 *     never rounded, may be negative (sold beyond the count)
 * @param state {@code in_stock}: the units on hand that can be sold
 * @param updatedAt when the vendor last calculated the level (RFC 3339, UTC)
 */
public record PosInventory(String vendor, String locationId, String variationId, String itemId, String sku,
        String name, BigDecimal quantity, String state, String updatedAt) {

    /** The only state the connectors emit: units on hand that can be sold. */
    public static final String IN_STOCK = "in_stock";

    public PosInventory {
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(variationId, "variationId");
        Objects.requireNonNull(quantity, "quantity");
        sku = sku == null || sku.isBlank() ? null : sku;
    }

    /** {@code <location_id>:<variation_id>}: one level per location and variation. */
    public String key() {
        return locationId + ":" + variationId;
    }

    /**
     * What the level is, not when it was counted: the quantity (without trailing zeros), the state
     * and the SKU. A level counted again at the same quantity has the same version, so a reader
     * skips it and nothing downstream is written for it; a new quantity or a new SKU is a new one.
     */
    public String version() {
        BigDecimal q = quantity.signum() == 0 ? BigDecimal.ZERO : quantity.stripTrailingZeros();
        return q.toPlainString() + " " + state + (sku == null ? "" : " " + sku);
    }

    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("vendor", vendor);
        data.put("location_id", locationId);
        data.put("variation_id", variationId);
        data.put("item_id", itemId);
        data.put("sku", sku);
        data.put("name", name);
        data.put("quantity", quantity);
        data.put("state", state);
        data.put("updated_at", updatedAt);
        return data;
    }

    /** The name of a variation: the item's, and the variation's own after a comma. */
    public static String name(String item, String variation) {
        if (item == null || item.isBlank()) {
            return variation == null || variation.isBlank() ? null : variation;
        }
        return variation == null || variation.isBlank() ? item : item + ", " + variation;
    }
}
