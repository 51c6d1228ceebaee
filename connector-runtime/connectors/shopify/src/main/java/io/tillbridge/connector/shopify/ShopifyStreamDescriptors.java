package io.tillbridge.connector.shopify;

import io.tillbridge.connector.pos.PosStreams;
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
        out.add(stream(PosStreams.ORDERS, "id", f("id", FieldType.STRING, "450789469"),
                f("vendor", FieldType.STRING, "shopify"), f("currency", FieldType.STRING, "USD"),
                f("state", FieldType.STRING, "completed", "open", "voided"),
                f("business_day", FieldType.STRING, "2026-03-02"), f("lines", FieldType.ARRAY, List.of()),
                f("tenders", FieldType.ARRAY, List.of()), f("totals", FieldType.OBJECT,
                        Map.of("total", new BigDecimal("49.00")))));
        out.add(stream(PosStreams.PAYMENTS, "id", f("id", FieldType.STRING, "389404469"),
                f("kind", FieldType.STRING, "card", "cash", "gift_card"), f("status", FieldType.STRING, "completed"),
                f("amount", FieldType.NUMBER, new BigDecimal("49.00")), f("business_day", FieldType.STRING, "2026-03-02")));
        out.add(stream(PosStreams.REFUNDS, "id", f("id", FieldType.STRING, "509562969"),
                f("order_id", FieldType.STRING, "450789469"), f("status", FieldType.STRING, "completed"),
                f("amount", FieldType.NUMBER, new BigDecimal("10.89")), f("lines", FieldType.ARRAY, List.of())));
        out.add(stream(PosStreams.LOCATIONS, "id", f("id", FieldType.STRING, "487838322"),
                f("name", FieldType.STRING, "Fifth Avenue Store"), f("time_zone", FieldType.STRING, "America/New_York"),
                f("close_out", FieldType.STRING, "00:00"), f("currency", FieldType.STRING, "USD"),
                f("active", FieldType.BOOLEAN, true)));
        out.add(stream(PosStreams.ITEMS, "variation_id", f("variation_id", FieldType.STRING, "808950810"),
                f("item_id", FieldType.STRING, "632910392"), f("name", FieldType.STRING, "IPod Nano - 8GB"),
                f("sku", FieldType.STRING, "IPOD2008PINK"), f("price", FieldType.NUMBER, new BigDecimal("199.00")),
                f("deleted", FieldType.BOOLEAN, false)));
        // No sample location: the merchant pairs its own locations in a value map, and a made-up one would be
        // listed there as a location to pair (the records held at run time name the real ones, DD-032).
        out.add(new StreamDescriptor(PosStreams.INVENTORY, List.of(f("vendor", FieldType.STRING, "shopify"),
                f("location_id", FieldType.STRING), f("variation_id", FieldType.STRING, "808950810"),
                f("item_id", FieldType.STRING, "632910392"), f("sku", FieldType.STRING, "IPOD2008PINK"),
                f("name", FieldType.STRING, "IPod Nano - 8GB, Pink"),
                f("quantity", FieldType.NUMBER, new BigDecimal("6"), new BigDecimal("0")),
                f("state", FieldType.STRING, "in_stock"), f("updated_at", FieldType.STRING, "2026-03-02T14:05:40Z")),
                "", "updated_at"));
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
