package io.tillbridge.connector.square;

import io.tillbridge.connector.pos.PosStreamDescriptors;
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
 * What {@code discover} tells about Square's streams and the object it writes: the main fields of
 * each, their types, and sample values in the shapes Square and the canonical model use (Square's
 * objects as in its API reference, Square-Version 2025-08-20; the canonical ones as in
 * docs/pos-model.md). The streams are fixed, so discovery needs no reads beyond the credential check.
 */
final class SquareStreamDescriptors {

    static final String INVENTORY_ADJUSTMENTS = "inventory_adjustments";

    private static final Map<String, Object> MONEY = Map.of("amount", new BigDecimal("1250"), "currency", "USD");

    private SquareStreamDescriptors() {
    }

    static List<StreamDescriptor> all() {
        List<StreamDescriptor> out = new ArrayList<>();
        out.add(stream(SquareStreams.ORDERS, "updated_at",
                f("id", FieldType.STRING, "CAISEM82RcpmcFE3rG4dE3x"), f("location_id", FieldType.STRING, "L88917AVBK2S5"),
                f("state", FieldType.STRING, "COMPLETED", "OPEN", "CANCELED"), f("version", FieldType.NUMBER, BigDecimal.ONE),
                f("created_at", FieldType.STRING, "2026-03-02T14:03:11.000Z"),
                f("updated_at", FieldType.STRING, "2026-03-02T14:05:40.000Z"), f("line_items", FieldType.ARRAY, List.of()),
                f("tenders", FieldType.ARRAY, List.of()), f("total_money", FieldType.OBJECT, MONEY)));
        out.add(stream(SquareStreams.PAYMENTS, "updated_at", f("id", FieldType.STRING, "R2B3Z8WMVt3EAmzYWLZvz7Y"),
                f("order_id", FieldType.STRING, "CAISEM82RcpmcFE3rG4dE3x"), f("status", FieldType.STRING, "COMPLETED"),
                f("source_type", FieldType.STRING, "CARD", "CASH"), f("total_money", FieldType.OBJECT, MONEY),
                f("updated_at", FieldType.STRING, "2026-03-02T14:05:40.000Z")));
        out.add(stream(SquareStreams.REFUNDS, "updated_at", f("id", FieldType.STRING, "R2B3Z8WMVt3EAmzYWLZvz7Y_Ptk"),
                f("payment_id", FieldType.STRING, "R2B3Z8WMVt3EAmzYWLZvz7Y"), f("status", FieldType.STRING, "COMPLETED"),
                f("amount_money", FieldType.OBJECT, MONEY), f("updated_at", FieldType.STRING, "2026-03-03T09:12:00.000Z")));
        out.add(stream(SquareStreams.CATALOG, "updated_at", f("id", FieldType.STRING, "W62UWFY35CWMYGVWK6TWJDNI"),
                f("type", FieldType.STRING, "ITEM", "ITEM_VARIATION"), f("is_deleted", FieldType.BOOLEAN, false, true),
                f("version", FieldType.NUMBER, new BigDecimal("1772460000000")),
                f("updated_at", FieldType.STRING, "2026-02-01T08:00:00.000Z"), f("item_data", FieldType.OBJECT,
                        Map.of("name", "Flat White"))));
        out.add(stream(SquareStreams.INVENTORY, "calculated_at", f("catalog_object_id", FieldType.STRING,
                        "2TZFAOHWGG7PAK2QEXWYPZSP"), f("location_id", FieldType.STRING, "L88917AVBK2S5"),
                f("state", FieldType.STRING, "IN_STOCK"), f("quantity", FieldType.STRING, "22", "0.75"),
                f("calculated_at", FieldType.STRING, "2026-03-02T14:05:40.000Z")));
        out.add(stream(SquareStreams.CUSTOMERS, "updated_at", f("id", FieldType.STRING, "JDKYHBWT1D4F8MFH63DBMEN8Y4"),
                f("given_name", FieldType.STRING, "Amelia"), f("family_name", FieldType.STRING, "Earhart"),
                f("email_address", FieldType.STRING, "amelia@example.com"),
                f("updated_at", FieldType.STRING, "2026-02-11T10:00:00.000Z")));
        out.add(stream(SquareStreams.LOCATIONS, "", f("id", FieldType.STRING, "L88917AVBK2S5"),
                f("name", FieldType.STRING, "Brew & Co New York"), f("timezone", FieldType.STRING, "America/New_York"),
                f("currency", FieldType.STRING, "USD", "GBP", "JPY"), f("status", FieldType.STRING, "ACTIVE")));
        out.addAll(PosStreamDescriptors.all("square", "updated_at"));
        out.add(new StreamDescriptor(INVENTORY_ADJUSTMENTS, List.of(
                f("catalog_object_id", FieldType.STRING, "2TZFAOHWGG7PAK2QEXWYPZSP"),
                f("sku", FieldType.STRING, "FLA-2041-R"), f("location_id", FieldType.STRING, "L88917AVBK2S5"),
                f("quantity", FieldType.NUMBER, new BigDecimal("5"), new BigDecimal("-2.5")),
                f("count", FieldType.NUMBER, new BigDecimal("40")),
                f("occurred_at", FieldType.STRING, "2026-03-02T14:05:40Z")), "", ""));
        return out;
    }

    private static StreamDescriptor stream(String name, String cursor, FieldDescriptor... fields) {
        String key = name.equals(PosStreams.ITEMS) ? "variation_id" : name.equals(SquareStreams.INVENTORY) ? "" : "id";
        return new StreamDescriptor(name, Arrays.asList(fields), key, cursor);
    }

    private static FieldDescriptor f(String name, FieldType type, Object... samples) {
        return new FieldDescriptor(name, type, true, Arrays.asList(samples));
    }
}
