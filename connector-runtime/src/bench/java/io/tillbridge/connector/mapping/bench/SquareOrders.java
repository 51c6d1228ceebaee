package io.tillbridge.connector.mapping.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generated Square orders (the shape of Square's Orders API), as JSON text, with a fixed seed. */
final class SquareOrders {

    private static final String[] ITEMS = {" Latte ", "Espresso", "Croissant ", "Bagel", "Tea", "Muffin"};
    private static final String[] TENDERS = {"CARD", "CARD", "CASH"};

    private SquareOrders() {
    }

    static List<String> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder items = new StringBuilder();
            int lines = 1 + random.nextInt(5);
            long total = 0;
            for (int l = 0; l < lines; l++) {
                int qty = 1 + random.nextInt(3);
                long price = 150 + random.nextInt(600);
                long lineTotal = qty * price;
                long tax = lineTotal * 8 / 100;
                total += lineTotal + tax;
                if (l > 0) {
                    items.append(',');
                }
                items.append("{\"uid\":\"li-").append(i).append('-').append(l)
                        .append("\",\"catalog_object_id\":\"SKU").append(random.nextInt(500))
                        .append("\",\"name\":\"").append(ITEMS[random.nextInt(ITEMS.length)])
                        .append("\",\"variation_name\":\"Regular\",\"quantity\":\"").append(qty)
                        .append("\",\"base_price_money\":{\"amount\":").append(price).append(",\"currency\":\"USD\"}")
                        .append(",\"total_money\":{\"amount\":").append(lineTotal + tax).append(",\"currency\":\"USD\"}")
                        .append(",\"total_tax_money\":{\"amount\":").append(tax).append(",\"currency\":\"USD\"}}");
            }
            orders.add("{\"id\":\"ORD-" + i + "\",\"location_id\":\"L" + random.nextInt(3) + "\",\"state\":\"COMPLETED\","
                    + "\"created_at\":\"2026-11-27T1" + random.nextInt(10) + ":04:05.123Z\","
                    + (random.nextInt(4) == 0 ? "" : "\"customer_id\":\"CUST" + random.nextInt(1000) + "\",")
                    + "\"source\":{\"name\":\"Square Point of Sale\"},"
                    + "\"tenders\":[{\"type\":\"" + TENDERS[random.nextInt(TENDERS.length)]
                    + "\",\"amount_money\":{\"amount\":" + total + ",\"currency\":\"USD\"}}],"
                    + "\"total_money\":{\"amount\":" + total + ",\"currency\":\"USD\"},"
                    + "\"line_items\":[" + items + "]}");
        }
        return orders;
    }

    /** An order in the record value model: every number a BigDecimal. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> valueModel(String json) {
        try {
            Object tree = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(json, Object.class);
            return (Map<String, Object>) numbersAsDecimals(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object numbersAsDecimals(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, numbersAsDecimals(v)));
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(numbersAsDecimals(v)));
            return out;
        }
        return value;
    }
}
