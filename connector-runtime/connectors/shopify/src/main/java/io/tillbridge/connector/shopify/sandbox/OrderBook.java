package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The arithmetic of an order as Shopify shows it, kept in one place so that every order balances:
 * {@code total_price = total_line_items_price - total_discounts + total_tax (when taxes are not included)
 * + shipping + total_tip_received}, and refunds give back what was paid.
 */
final class OrderBook {

    private final ShopData shop;

    OrderBook(ShopData shop) {
        this.shop = shop;
    }

    BigDecimal amount(JsonNode text) {
        return new BigDecimal(text.asText("0"));
    }

    private BigDecimal round(BigDecimal value) {
        return value.setScale(shop.profile().currencyDigits(), RoundingMode.HALF_UP);
    }

    /** A line's tax: added on top of {@code net}, or the part of {@code net} that is tax when prices include it. */
    BigDecimal tax(BigDecimal net) {
        BigDecimal rate = shop.profile().taxRate();
        return shop.profile().taxesIncluded()
                ? round(net.multiply(rate).divide(BigDecimal.ONE.add(rate), 10, RoundingMode.HALF_UP))
                : round(net.multiply(rate));
    }

    /** Sets a line's {@code tax_lines} from its price, quantity and discount allocations. */
    void taxLine(ObjectNode line) {
        ArrayNode taxLines = line.putArray("tax_lines");
        if (!line.path("taxable").asBoolean()) {
            return;
        }
        BigDecimal net = gross(line).subtract(discount(line));
        ObjectNode tax = taxLines.addObject();
        tax.put("title", shop.profile().taxName());
        tax.put("rate", shop.profile().taxRate().doubleValue());
        tax.put("price", shop.money(tax(net)));
    }

    BigDecimal gross(JsonNode line) {
        return amount(line.path("price")).multiply(BigDecimal.valueOf(line.path("quantity").asLong()));
    }

    BigDecimal discount(JsonNode line) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode allocation : line.path("discount_allocations")) {
            sum = sum.add(amount(allocation.path("amount")));
        }
        return sum;
    }

    BigDecimal lineTax(JsonNode line) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode tax : line.path("tax_lines")) {
            sum = sum.add(amount(tax.path("price")));
        }
        return sum;
    }

    /** Recomputes the order's totals and its order-level {@code tax_lines} from its lines, shipping and tip. */
    void total(ObjectNode order) {
        BigDecimal lines = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        BigDecimal taxes = BigDecimal.ZERO;
        for (JsonNode line : order.path("line_items")) {
            lines = lines.add(gross(line));
            discounts = discounts.add(discount(line));
            taxes = taxes.add(lineTax(line));
        }
        BigDecimal shipping = BigDecimal.ZERO;
        for (JsonNode shippingLine : order.path("shipping_lines")) {
            shipping = shipping.add(amount(shippingLine.path("price")));
        }
        BigDecimal tip = amount(order.path("total_tip_received"));
        BigDecimal subtotal = lines.subtract(discounts);
        BigDecimal total = subtotal.add(shop.profile().taxesIncluded() ? BigDecimal.ZERO : taxes).add(shipping)
                .add(tip);
        order.put("total_line_items_price", shop.money(lines));
        order.put("total_discounts", shop.money(discounts));
        order.put("subtotal_price", shop.money(subtotal));
        order.put("total_tax", shop.money(taxes));
        order.set("total_shipping_price_set", moneySet(shipping));
        order.put("total_price", shop.money(total));
        order.put("total_outstanding", shop.money(BigDecimal.ZERO));
        ArrayNode taxLines = order.putArray("tax_lines");
        if (taxes.signum() != 0) {
            ObjectNode tax = taxLines.addObject();
            tax.put("title", shop.profile().taxName());
            tax.put("rate", shop.profile().taxRate().doubleValue());
            tax.put("price", shop.money(taxes));
        }
    }

    ObjectNode moneySet(BigDecimal amount) {
        ObjectNode set = ShopifyJson.object();
        for (String name : new String[] {"shop_money", "presentment_money"}) {
            ObjectNode money = set.putObject(name);
            money.put("amount", shop.money(amount));
            money.put("currency_code", shop.profile().currency());
        }
        return set;
    }

    /** A successful transaction of {@code kind} ({@code sale}, {@code refund}, {@code authorization}, {@code void}). */
    ObjectNode transaction(long orderId, String kind, String gateway, BigDecimal amount, Instant at, Long parentId) {
        ObjectNode transaction = ShopifyJson.object();
        long id = shop.nextId();
        transaction.put("id", id);
        transaction.put("admin_graphql_api_id", ShopifyJson.gid("OrderTransaction", id));
        transaction.put("order_id", orderId);
        transaction.put("kind", kind);
        transaction.put("gateway", gateway);
        transaction.put("status", "success");
        transaction.put("amount", shop.money(amount));
        transaction.put("currency", shop.profile().currency());
        transaction.put("created_at", shop.at(at));
        transaction.put("processed_at", shop.at(at));
        if (parentId == null) {
            transaction.putNull("parent_id");
        } else {
            transaction.put("parent_id", parentId);
        }
        transaction.put("test", false);
        if ("shopify_payments".equals(gateway)) {
            ObjectNode card = transaction.putObject("payment_details");
            card.put("credit_card_company", "Visa");
            card.put("credit_card_number", "•••• •••• •••• 4242");
        }
        if ("gift_card".equals(gateway)) {
            transaction.putObject("receipt").put("gift_card_last_characters", "a1b2");
        }
        return transaction;
    }
}
