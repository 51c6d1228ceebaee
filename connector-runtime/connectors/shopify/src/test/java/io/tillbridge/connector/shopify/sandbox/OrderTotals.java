package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** The sums a test checks an order against, computed from its parts the way a connector would. */
final class OrderTotals {

    private OrderTotals() {
    }

    static BigDecimal money(JsonNode text) {
        return new BigDecimal(text.asText());
    }

    /** Sum of line prices x quantities - discounts + taxes (when not included) + shipping + tip. */
    static BigDecimal expectedTotal(JsonNode order) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : order.path("line_items")) {
            sum = sum.add(money(line.path("price")).multiply(BigDecimal.valueOf(line.path("quantity").asLong())));
            for (JsonNode allocation : line.path("discount_allocations")) {
                sum = sum.subtract(money(allocation.path("amount")));
            }
            if (!order.path("taxes_included").asBoolean()) {
                for (JsonNode tax : line.path("tax_lines")) {
                    sum = sum.add(money(tax.path("price")));
                }
            }
        }
        for (JsonNode shipping : order.path("shipping_lines")) {
            sum = sum.add(money(shipping.path("price")));
        }
        return sum.add(money(order.path("total_tip_received")));
    }

    /** Successful sales minus successful refunds among the order's transactions. */
    static BigDecimal netPaid(Iterable<? extends JsonNode> transactions) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode t : transactions) {
            if ("success".equals(t.path("status").asText())) {
                switch (t.path("kind").asText()) {
                    case "sale" -> sum = sum.add(money(t.path("amount")));
                    case "refund" -> sum = sum.subtract(money(t.path("amount")));
                    default -> { }
                }
            }
        }
        return sum;
    }

    /** What the order's refunds gave back: their transactions. */
    static BigDecimal refunded(JsonNode order) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode refund : order.path("refunds")) {
            for (JsonNode t : refund.path("transactions")) {
                sum = sum.add(money(t.path("amount")));
            }
        }
        return sum;
    }
}
