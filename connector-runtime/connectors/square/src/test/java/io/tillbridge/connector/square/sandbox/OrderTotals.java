package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Checks that a Square order's amounts add up the way the Orders API adds them, in minor units. */
final class OrderTotals {

    private OrderTotals() {
    }

    static void assertConsistent(JsonNode order) {
        String id = order.path("id").asText();
        boolean inclusive = "INCLUSIVE".equals(order.path("taxes").path(0).path("type").asText());
        long lines = 0;
        long taxes = 0;
        long discounts = 0;
        for (JsonNode item : order.path("line_items")) {
            long variation = new BigDecimal(item.path("quantity").asText())
                    .multiply(BigDecimal.valueOf(money(item, "base_price_money")))
                    .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            assertThat(money(item, "variation_total_price_money")).as("variation total of %s", id).isEqualTo(variation);
            long gross = variation;
            for (JsonNode mod : item.path("modifiers")) {
                gross += money(mod, "total_price_money");
            }
            long tax = money(item, "total_tax_money");
            long discount = money(item, "total_discount_money");
            long grossSales = money(item, "gross_sales_money");
            assertThat(grossSales).as("gross sales of %s", id).isIn(gross, gross - tax);
            assertThat(money(item, "total_money")).as("line total of %s", id)
                    .isEqualTo(gross - discount + (inclusive ? 0 : tax));
            lines += money(item, "total_money");
            taxes += tax;
            discounts += discount;
        }
        long charges = 0;
        for (JsonNode charge : order.path("service_charges")) {
            charges += money(charge, "total_money");
        }
        long tendered = 0;
        long tips = 0;
        for (JsonNode tender : order.path("tenders")) {
            tendered += money(tender, "amount_money");
            tips += money(tender, "tip_money");
        }
        long total = money(order, "total_money");
        assertThat(total).as("total of %s", id).isEqualTo(lines + charges + tips);
        assertThat(money(order, "total_tip_money")).as("tips of %s", id).isEqualTo(tips);
        assertThat(money(order, "total_tax_money")).as("tax of %s", id).isEqualTo(taxes);
        assertThat(money(order, "total_discount_money")).as("discounts of %s", id).isEqualTo(discounts);
        assertThat(sum(order.path("taxes"), "applied_money")).as("applied taxes of %s", id).isEqualTo(taxes);
        assertThat(sum(order.path("discounts"), "applied_money")).as("applied discounts of %s", id)
                .isEqualTo(discounts);
        long returned = money(order.path("return_amounts"), "total_money");
        assertThat(money(order.path("net_amounts"), "total_money")).as("net total of %s", id)
                .isEqualTo(total - returned);
        switch (order.path("state").asText()) {
            case "COMPLETED" -> assertThat(tendered).as("tenders of %s", id).isEqualTo(Math.max(0, total - returned));
            case "CANCELED", "OPEN" -> assertThat(tendered).as("tenders of %s", id).isZero();
            default -> throw new AssertionError("unexpected state of " + id);
        }
    }

    private static long sum(JsonNode array, String field) {
        long sum = 0;
        for (JsonNode n : array) {
            sum += money(n, field);
        }
        return sum;
    }

    private static long money(JsonNode node, String field) {
        return node.path(field).path("amount").asLong();
    }
}
