package io.tillbridge.connector.clover;

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
 * What {@code discover} tells about Clover's streams and the object it writes: the main fields of
 * each, their types, and sample values in the shapes Clover's REST API v3 and the canonical model
 * (docs/pos-model.md) use. The streams are fixed, so discovery needs no reads beyond the credential
 * check.
 */
final class CloverStreamDescriptors {

    private static final BigDecimal MILLIS = new BigDecimal("1772463811000");

    private CloverStreamDescriptors() {
    }

    static List<StreamDescriptor> all() {
        List<StreamDescriptor> out = new ArrayList<>();
        out.add(stream(CloverStreams.ORDERS, "modifiedTime", f("id", FieldType.STRING, "9Q2T3XWNHDGRP"),
                f("currency", FieldType.STRING, "USD"), f("total", FieldType.NUMBER, new BigDecimal("1336")),
                f("state", FieldType.STRING, "locked", "open"), f("paymentState", FieldType.STRING, "PAID", "OPEN"),
                f("createdTime", FieldType.NUMBER, MILLIS), f("modifiedTime", FieldType.NUMBER, MILLIS),
                f("lineItems", FieldType.OBJECT, Map.of("elements", List.of())),
                f("payments", FieldType.OBJECT, Map.of("elements", List.of()))));
        out.add(stream(CloverStreams.PAYMENTS, "modifiedTime", f("id", FieldType.STRING, "KX7D2M4R8ZQ1E"),
                f("amount", FieldType.NUMBER, new BigDecimal("1336")), f("tipAmount", FieldType.NUMBER, new BigDecimal("200")),
                f("result", FieldType.STRING, "SUCCESS"), f("offline", FieldType.BOOLEAN, false, true),
                f("modifiedTime", FieldType.NUMBER, MILLIS)));
        out.add(stream(CloverStreams.REFUNDS, "modifiedTime", f("id", FieldType.STRING, "R8TJ2K5W1P3QA"),
                f("amount", FieldType.NUMBER, new BigDecimal("450")), f("fullRefund", FieldType.BOOLEAN, false),
                f("payment", FieldType.OBJECT, Map.of("id", "KX7D2M4R8ZQ1E")),
                f("modifiedTime", FieldType.NUMBER, MILLIS)));
        out.add(stream(CloverStreams.ITEMS, "modifiedTime", f("id", FieldType.STRING, "H3J9K2L5M7N1P"),
                f("name", FieldType.STRING, "Pastrami on Rye"), f("sku", FieldType.STRING, "SKU-1004"),
                f("price", FieldType.NUMBER, new BigDecimal("1295")), f("priceType", FieldType.STRING, "FIXED", "PER_UNIT"),
                f("modifiedTime", FieldType.NUMBER, MILLIS)));
        out.add(stream(CloverStreams.DEVICES, "", f("id", FieldType.STRING, "4B7C2D9E1F3GA"),
                f("name", FieldType.STRING, "Front counter"), f("model", FieldType.STRING, "Clover_C300"),
                f("serial", FieldType.STRING, "C030UQ52340015")));
        out.addAll(PosStreamDescriptors.all("clover", "updated_at"));
        out.add(new StreamDescriptor(ItemStocks.OBJECT, List.of(f("item_id", FieldType.STRING, "H3J9K2L5M7N1P"),
                f("sku", FieldType.STRING, "SKU-1004"), f("quantity", FieldType.NUMBER, new BigDecimal("40"),
                        new BigDecimal("12.5"))), "item_id", ""));
        return out;
    }

    private static StreamDescriptor stream(String name, String cursor, FieldDescriptor... fields) {
        return new StreamDescriptor(name, Arrays.asList(fields), name.equals(PosStreams.ITEMS) ? "variation_id" : "id",
                cursor);
    }

    private static FieldDescriptor f(String name, FieldType type, Object... samples) {
        return new FieldDescriptor(name, type, true, Arrays.asList(samples));
    }
}
