package io.tillbridge.connector.shopify;

import io.tillbridge.connector.pos.PosStreamDescriptors;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code discover} tells about Shopify's streams and the object it writes: the main fields of
 * each, their types, and sample values in the shapes Shopify's REST Admin API (2025-07) and the
 * canonical model (docs/pos-model.md) use. The streams are fixed, so discovery needs no reads beyond
 * the credential check.
 */
final class ShopifyStreamDescriptors {

    /** The object a write sets: inventory levels ({@code inventory_levels/set.json}). */
    static final String INVENTORY_SET = "inventory_levels.set";

    /** The same levels named by the variant's SKU instead of its inventory item. */
    static final String INVENTORY_SET_BY_SKU = "inventory_levels.set_by_sku";

    /** Every object a write takes. */
    static final List<String> WRITABLE = List.of(INVENTORY_SET, INVENTORY_SET_BY_SKU);

    private ShopifyStreamDescriptors() {
    }

    static List<StreamDescriptor> all() {
        List<StreamDescriptor> out = new ArrayList<>();
        out.add(stream(ShopifyStreams.ORDERS, "id", f("id", FieldType.NUMBER, new BigDecimal("450789469")),
                f("name", FieldType.STRING, "#1001"), f("location_id", FieldType.NUMBER, new BigDecimal("487838322")),
                f("source_name", FieldType.STRING, "pos", "web"),
                f("financial_status", FieldType.STRING, "paid", "partially_refunded", "refunded"),
                f("created_at", FieldType.STRING, "2026-03-02T09:03:11-05:00"),
                f("updated_at", FieldType.STRING, "2026-03-02T09:05:40-05:00"),
                f("currency", FieldType.STRING, "USD"), f("total_price", FieldType.STRING, "49.00"),
                f("line_items", FieldType.ARRAY, List.of()), f("refunds", FieldType.ARRAY, List.of())));
        out.add(stream(ShopifyStreams.TRANSACTIONS, "id", f("id", FieldType.NUMBER, new BigDecimal("389404469")),
                f("order_id", FieldType.NUMBER, new BigDecimal("450789469")),
                f("kind", FieldType.STRING, "sale", "refund", "authorization", "capture", "void"),
                f("gateway", FieldType.STRING, "shopify_payments", "cash", "gift_card"),
                f("status", FieldType.STRING, "success"), f("amount", FieldType.STRING, "49.00")));
        out.add(stream(ShopifyStreams.PRODUCTS, "id", f("id", FieldType.NUMBER, new BigDecimal("632910392")),
                f("title", FieldType.STRING, "IPod Nano - 8GB"), f("product_type", FieldType.STRING, "Apparel"),
                f("status", FieldType.STRING, "active"), f("variants", FieldType.ARRAY, List.of()),
                f("updated_at", FieldType.STRING, "2026-02-01T08:00:00-05:00")));
        out.add(stream(ShopifyStreams.VARIANTS, "id", f("id", FieldType.NUMBER, new BigDecimal("808950810")),
                f("product_id", FieldType.NUMBER, new BigDecimal("632910392")), f("sku", FieldType.STRING, "IPOD2008PINK"),
                f("price", FieldType.STRING, "199.00"), f("inventory_item_id", FieldType.NUMBER,
                        new BigDecimal("808950810")), f("updated_at", FieldType.STRING, "2026-02-01T08:00:00-05:00")));
        out.add(new StreamDescriptor(ShopifyStreams.INVENTORY_LEVELS, List.of(
                f("inventory_item_id", FieldType.NUMBER, new BigDecimal("808950810")),
                f("location_id", FieldType.NUMBER, new BigDecimal("487838322")),
                f("available", FieldType.NUMBER, new BigDecimal("6")),
                f("updated_at", FieldType.STRING, "2026-03-02T09:05:40-05:00")), "", "updated_at"));
        out.add(stream(ShopifyStreams.CUSTOMERS, "id", f("id", FieldType.NUMBER, new BigDecimal("207119551")),
                f("first_name", FieldType.STRING, "Bob"), f("last_name", FieldType.STRING, "Norman"),
                f("email", FieldType.STRING, "bob.norman@example.com"),
                f("updated_at", FieldType.STRING, "2026-02-11T10:00:00-05:00")));
        out.add(stream(ShopifyStreams.LOCATIONS, "id", f("id", FieldType.NUMBER, new BigDecimal("487838322")),
                f("name", FieldType.STRING, "Fifth Avenue Store"), f("country_code", FieldType.STRING, "US"),
                f("active", FieldType.BOOLEAN, true)));
        out.addAll(PosStreamDescriptors.all("shopify", "updated_at"));
        out.add(new StreamDescriptor(INVENTORY_SET_BY_SKU, List.of(
                new FieldDescriptor("sku", FieldType.STRING, false, List.of("IPOD2008PINK")),
                new FieldDescriptor("location_id", FieldType.STRING, false, List.of("487838322")),
                new FieldDescriptor("available", FieldType.NUMBER, false, List.of(new BigDecimal("40")))), "", ""));
        out.add(new StreamDescriptor(INVENTORY_SET, List.of(
                f("inventory_item_id", FieldType.NUMBER, new BigDecimal("808950810")),
                f("location_id", FieldType.NUMBER, new BigDecimal("487838322")),
                f("available", FieldType.NUMBER, new BigDecimal("40"))), "", ""));
        return out;
    }

    private static StreamDescriptor stream(String name, String key, FieldDescriptor... fields) {
        return new StreamDescriptor(name, Arrays.asList(fields), key, "updated_at");
    }

    private static FieldDescriptor f(String name, FieldType type, Object... samples) {
        return new FieldDescriptor(name, type, true, Arrays.asList(samples));
    }
}
