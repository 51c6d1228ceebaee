package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a refund onto an order as Shopify shows it: {@code refund_line_items} with their share of
 * the line's discount and tax, restocked at the order's location (gift cards are not restocked);
 * for a full refund also {@code order_adjustments} for shipping and tip; and refund transactions
 * that pay back card first, then gift card. The order's {@code financial_status} follows.
 */
final class Refunds {

    /** Changes the stock of a line's variant at a location. */
    @FunctionalInterface
    interface Stock {
        void change(JsonNode line, long locationId, int delta, Instant at);
    }

    private final ShopData shop;
    private final OrderBook book;

    Refunds(ShopData shop, OrderBook book) {
        this.shop = shop;
        this.book = book;
    }

    /** Refunds {@code lines}: one unit of each, or ({@code full}) all of them with shipping and tip. */
    ObjectNode refund(ShopRecord order, List<ObjectNode> lines, boolean full, Instant at, Stock stock) {
        long refundId = shop.nextId();
        long restockAt = order.json.path("location_id").isNull() ? shop.locations.firstKey()
                : order.json.path("location_id").asLong();
        ObjectNode refund = ShopifyJson.object();
        refund.put("id", refundId);
        refund.put("admin_graphql_api_id", ShopifyJson.gid("Refund", refundId));
        refund.put("order_id", order.id);
        refund.put("created_at", shop.at(at));
        refund.put("processed_at", shop.at(at));
        refund.put("note", full ? "Returned in full" : "Customer return");
        refund.put("restock", true);
        ArrayNode items = refund.putArray("refund_line_items");
        BigDecimal money = BigDecimal.ZERO;
        for (ObjectNode line : lines) {
            int ordered = line.path("quantity").asInt();
            int quantity = full ? ordered : 1;
            BigDecimal subtotal = share(book.gross(line).subtract(book.discount(line)), quantity, ordered);
            BigDecimal tax = share(book.lineTax(line), quantity, ordered);
            ObjectNode item = items.addObject();
            item.put("id", shop.nextId());
            item.put("line_item_id", line.path("id").asLong());
            item.put("quantity", quantity);
            boolean restock = !line.path("gift_card").asBoolean();
            item.put("restock_type", restock ? "return" : "no_restock");
            if (restock) {
                item.put("location_id", restockAt);
            } else {
                item.putNull("location_id");
            }
            item.put("subtotal", shop.money(subtotal));
            item.put("total_tax", shop.money(tax));
            item.set("line_item", line.deepCopy());
            money = money.add(subtotal).add(shop.profile().taxesIncluded() ? BigDecimal.ZERO : tax);
            if (restock) {
                stock.change(line, restockAt, quantity, at);
            }
        }
        ArrayNode adjustments = refund.putArray("order_adjustments");
        if (full) {
            BigDecimal shipping = book.amount(order.json.path("total_shipping_price_set").path("shop_money")
                    .path("amount"));
            BigDecimal tip = book.amount(order.json.path("total_tip_received"));
            for (Object[] adjustment : new Object[][] {{"shipping_refund", shipping}, {"refund_discrepancy", tip}}) {
                BigDecimal amount = (BigDecimal) adjustment[1];
                if (amount.signum() > 0) {
                    ObjectNode json = adjustments.addObject();
                    json.put("id", shop.nextId());
                    json.put("order_id", order.id);
                    json.put("refund_id", refundId);
                    json.put("kind", (String) adjustment[0]);
                    json.put("amount", shop.money(amount.negate()));
                    json.put("tax_amount", shop.money(BigDecimal.ZERO));
                    money = money.add(amount);
                }
            }
        }
        ArrayNode transactions = refund.putArray("transactions");
        BigDecimal left = money;
        List<JsonNode> sales = new ArrayList<>();
        order.transactions.forEach(t -> {
            if ("sale".equals(t.path("kind").asText())) {
                sales.add(t);
            }
        });
        sales.sort(Comparator.comparing(t -> "gift_card".equals(t.path("gateway").asText())));
        for (int i = 0; i < sales.size() && left.signum() > 0; i++) {
            JsonNode sale = sales.get(i);
            BigDecimal amount = i == sales.size() - 1 ? left : left.min(book.amount(sale.path("amount")));
            ObjectNode transaction = book.transaction(order.id, "refund", sale.path("gateway").asText(), amount, at,
                    sale.path("id").asLong());
            transactions.add(transaction);
            order.transactions.add(transaction.deepCopy());
            left = left.subtract(amount);
        }
        ((ArrayNode) order.json.path("refunds")).add(refund);
        order.json.put("financial_status", full ? "refunded" : "partially_refunded");
        order.touch(shop, at);
        return refund;
    }

    /** {@code amount} x {@code part} / {@code whole}, in the currency's digits. */
    private BigDecimal share(BigDecimal amount, int part, int whole) {
        return part == whole ? amount : amount.multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), shop.profile().currencyDigits(), RoundingMode.HALF_UP);
    }
}
