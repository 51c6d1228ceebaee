package io.tillbridge.engine.bench;

import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpec.FieldRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping the load benchmarks run: canonical POS orders ({@code pos.orders}) into a warehouse
 * table, one row per order with its identity, location, business day, state, currency, times and
 * totals (docs/pos-model.md), as a merchant would write it for an orders table: 22 fields, the
 * times and the business day cast, the totals as decimals, and one CEL expression (the number of
 * lines).
 */
final class CanonicalOrderMapping {

    private static final List<String> TOTALS = List.of("lines", "gift_card_sales", "discounts", "taxes",
            "service_charges", "tips", "rounding", "revenue", "total", "tendered", "fees");

    private CanonicalOrderMapping() {
    }

    static MappingSpec spec() {
        List<FieldRule> fields = new ArrayList<>();
        fields.add(FieldRule.copy("id", "order_id"));
        fields.add(FieldRule.copy("vendor", "vendor"));
        fields.add(FieldRule.copy("location_id", "location_id"));
        fields.add(rule("business_day", "business_day", null, "date"));
        fields.add(FieldRule.copy("state", "state"));
        fields.add(FieldRule.copy("currency", "currency"));
        fields.add(FieldRule.copy("customer_id", "customer_id"));
        fields.add(rule("created_at", "created_at", null, "date-time"));
        fields.add(rule("updated_at", "updated_at", null, "date-time"));
        fields.add(rule("closed_at", "closed_at", null, "date-time"));
        fields.add(rule("line_count", null, "has(record.lines) ? size(record.lines) : 0", "integer"));
        for (String total : TOTALS) {
            fields.add(rule(total.equals("lines") ? "lines_total" : total, "totals." + total, null, "decimal"));
        }
        return new MappingSpec(null, fields, null, null, null);
    }

    private static FieldRule rule(String target, String source, String expression, String type) {
        return new FieldRule(target, source, null, null, null, expression, null, null, null, null, null, null, null,
                null, null, type);
    }
}
