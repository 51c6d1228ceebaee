package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosInventory;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's variants, read once: {@code GET products.json?fields=id,title,product_type,variants} followed by its
 * {@code Link} header to the last page. Shopify's REST API has no variant list by SKU or by
 * inventory item, but a product carries its variants, and a variant its {@code sku} and its
 * {@code inventory_item_id} (one inventory item per variant: vendor-apis.md, section 2). Indexed by
 * inventory item ({@code pos.inventory} names a level's variant) and by SKU (a write by SKU finds its
 * inventory item). SKUs are compared exactly, surrounding white space aside; Shopify does not require
 * them to be unique, so a SKU may name several variants. Also the products' {@code product_type}, the
 * category of an order line's product.
 */
final class ShopifyVariants {

    /**
     * One variant.
     *
     * @param name the product's title, with the variant's after a comma unless it is Shopify's
     *     {@code Default Title} (a product without options)
     */
    record Variant(String id, String productId, String sku, String name, String inventoryItemId) {

        /** How a person finds the variant in Shopify's admin: its name and id. */
        String describe() {
            return (name == null ? "variant" : "'" + name + "' (variant") + " " + id + (name == null ? "" : ")");
        }
    }

    private final Map<String, Variant> byInventoryItem = new HashMap<>();
    private final Map<String, List<Variant>> bySku = new LinkedHashMap<>();
    /** Product types by product id; an empty type (Shopify's "none") is null. */
    private final Map<String, String> productTypes;
    private final int count;

    private ShopifyVariants(List<Variant> variants, Map<String, String> productTypes) {
        this.productTypes = productTypes;
        for (Variant v : variants) {
            if (v.inventoryItemId() != null) {
                byInventoryItem.put(v.inventoryItemId(), v);
            }
            String sku = normal(v.sku());
            if (sku != null) {
                bySku.computeIfAbsent(sku, s -> new ArrayList<>()).add(v);
            }
        }
        this.count = variants.size();
    }

    /** Every variant of the shop, {@code pageSize} products a page, to the last page. */
    static ShopifyVariants read(ShopifyApi api, int pageSize) {
        List<Variant> all = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", "id,title,product_type,variants");
        query.put("limit", Integer.toString(pageSize));
        URI next = null;
        do {
            ShopifyApi.Page page = api.page(ShopifyStreams.PRODUCTS, ShopifyStreams.PRODUCTS, query, next);
            for (JsonNode product : page.records()) {
                String type = product.path("product_type").asText("").strip();
                types.put(product.path("id").asText(), type.isEmpty() ? null : type);
                for (JsonNode v : product.path("variants")) {
                    String title = v.path("title").asText(null);
                    String variantName = "Default Title".equals(title) ? null : title;
                    all.add(new Variant(v.path("id").asText(), product.path("id").asText(), v.path("sku").asText(null),
                            PosInventory.name(product.path("title").asText(null), variantName),
                            v.hasNonNull("inventory_item_id") ? v.path("inventory_item_id").asText() : null));
                }
            }
            if (page.next() != null && page.next().equals(next)) {
                throw new ConnectorException(Category.SYSTEM, "the pagination of products does not advance");
            }
            next = page.next();
        } while (next != null);
        return new ShopifyVariants(all, types);
    }

    /** Whether the shop has the product (one deleted since, or created after the read, it has not). */
    boolean hasProduct(String productId) {
        return productTypes.containsKey(productId);
    }

    /** The product's {@code product_type}; null when it has none or the product is not the shop's. */
    String productType(String productId) {
        return productId == null ? null : productTypes.get(productId);
    }

    /** The variant whose inventory item this is. */
    Optional<Variant> byInventoryItem(String inventoryItemId) {
        return Optional.ofNullable(byInventoryItem.get(inventoryItemId));
    }

    /** The variants with this SKU (none, one, or several when the shop repeats a SKU). */
    List<Variant> bySku(String sku) {
        String key = normal(sku);
        return key == null ? List.of() : bySku.getOrDefault(key, List.of());
    }

    /** How many variants the shop has. */
    int size() {
        return count;
    }

    private static String normal(String sku) {
        if (sku == null) {
            return null;
        }
        String s = sku.strip();
        return s.isEmpty() ? null : s;
    }
}
