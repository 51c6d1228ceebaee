package io.tillbridge.connector.shopify.sandbox;

import static io.tillbridge.connector.shopify.sandbox.ShopifyJson.gid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The GraphQL form of the shop's objects (camelCase, global ids, money bags, UTC times). Each object
 * is built whole and carries its {@code __typename}; {@link GraphqlApi} keeps only what the query
 * selects and refuses fields that the type does not have.
 */
final class GraphqlNodes {

    private final ShopData shop;

    GraphqlNodes(ShopData shop) {
        this.shop = shop;
    }

    static ObjectNode typed(String type) {
        ObjectNode node = ShopifyJson.object();
        node.put("__typename", type);
        return node;
    }

    /** A connection of whole nodes, answered as {@code edges{cursor node}}, {@code nodes} and {@code pageInfo}. */
    static ObjectNode connection(String type, List<ObjectNode> nodes, List<String> cursors, boolean hasNext,
            boolean hasPrevious) {
        ObjectNode connection = typed(type + "Connection");
        ArrayNode edges = connection.putArray("edges");
        ArrayNode list = connection.putArray("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            ObjectNode edge = edges.addObject();
            edge.put("__typename", type + "Edge");
            edge.put("cursor", cursors.get(i));
            edge.set("node", nodes.get(i));
            list.add(nodes.get(i));
        }
        ObjectNode pageInfo = connection.putObject("pageInfo");
        pageInfo.put("__typename", "PageInfo");
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", hasPrevious);
        if (cursors.isEmpty()) {
            pageInfo.putNull("startCursor");
            pageInfo.putNull("endCursor");
        } else {
            pageInfo.put("startCursor", cursors.get(0));
            pageInfo.put("endCursor", cursors.get(cursors.size() - 1));
        }
        return connection;
    }

    /** A nested connection with every node (nested connections are not paged by the sandbox). */
    private static ObjectNode all(String type, List<ObjectNode> nodes) {
        List<String> cursors = nodes.stream().map(n -> GraphqlApi.cursor(0, n.path("legacyResourceId").asLong()))
                .toList();
        return connection(type, nodes, cursors, false, false);
    }

    private ObjectNode money(JsonNode amount) {
        ObjectNode bag = typed("MoneyBag");
        for (String name : new String[] {"shopMoney", "presentmentMoney"}) {
            ObjectNode money = bag.putObject(name);
            money.put("__typename", "MoneyV2");
            money.put("amount", amount.asText("0"));
            money.put("currencyCode", shop.profile().currency());
        }
        return bag;
    }

    private static String utc(JsonNode restTime) {
        Instant at = restTime.isNull() || restTime.isMissingNode() ? null : ShopifyJson.parseTime(restTime.asText());
        return at == null ? null : at.toString();
    }

    private static void time(ObjectNode node, String name, JsonNode restTime) {
        String value = utc(restTime);
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private ObjectNode identity(String type, long id) {
        ObjectNode node = typed(type);
        node.put("id", gid(type, id));
        node.put("legacyResourceId", Long.toString(id));
        return node;
    }

    ObjectNode order(ShopRecord record) {
        JsonNode rest = record.json;
        ObjectNode order = identity("Order", record.id);
        order.put("name", rest.path("name").asText());
        time(order, "createdAt", rest.path("created_at"));
        time(order, "updatedAt", rest.path("updated_at"));
        time(order, "processedAt", rest.path("processed_at"));
        time(order, "closedAt", rest.path("closed_at"));
        time(order, "cancelledAt", rest.path("cancelled_at"));
        order.put("closed", !rest.path("closed_at").isNull());
        order.put("cancelReason", rest.path("cancel_reason").isNull() ? null
                : rest.path("cancel_reason").asText().toUpperCase(Locale.ROOT));
        order.put("displayFinancialStatus", rest.path("financial_status").asText().toUpperCase(Locale.ROOT));
        order.put("sourceName", rest.path("source_name").asText());
        order.put("currencyCode", rest.path("currency").asText());
        order.put("taxesIncluded", rest.path("taxes_included").asBoolean());
        order.put("email", rest.path("email").asText(null));
        order.put("tags", rest.path("tags").asText());
        order.set("totalPriceSet", money(rest.path("total_price")));
        order.set("subtotalPriceSet", money(rest.path("subtotal_price")));
        order.set("totalTaxSet", money(rest.path("total_tax")));
        order.set("totalDiscountsSet", money(rest.path("total_discounts")));
        order.set("totalShippingPriceSet", money(rest.path("total_shipping_price_set").path("shop_money")
                .path("amount")));
        order.set("totalTipReceivedSet", money(rest.path("total_tip_received")));
        ObjectNode location = rest.path("location_id").isNull() ? null : location(rest.path("location_id").asLong());
        order.set("retailLocation", location);
        order.set("physicalLocation", location);
        JsonNode customer = rest.path("customer");
        if (customer.isObject()) {
            ObjectNode c = identity("Customer", customer.path("id").asLong());
            c.put("email", customer.path("email").asText());
            c.put("firstName", customer.path("first_name").asText());
            c.put("lastName", customer.path("last_name").asText());
            order.set("customer", c);
        } else {
            order.putNull("customer");
        }
        ArrayNode codes = order.putArray("discountCodes");
        rest.path("discount_codes").forEach(code -> codes.add(code.path("code").asText()));
        order.set("lineItems", all("LineItem", lineItems(rest)));
        List<ObjectNode> shipping = new ArrayList<>();
        for (JsonNode line : rest.path("shipping_lines")) {
            ObjectNode node = identity("ShippingLine", line.path("id").asLong());
            node.put("title", line.path("title").asText());
            node.put("code", line.path("code").asText());
            node.set("originalPriceSet", money(line.path("price")));
            shipping.add(node);
        }
        order.set("shippingLines", all("ShippingLine", shipping));
        ArrayNode transactions = order.putArray("transactions");
        record.transactions.forEach(t -> transactions.add(transaction(t)));
        ArrayNode refunds = order.putArray("refunds");
        rest.path("refunds").forEach(r -> refunds.add(refund(r)));
        return order;
    }

    private List<ObjectNode> lineItems(JsonNode rest) {
        List<ObjectNode> lines = new ArrayList<>();
        for (JsonNode line : rest.path("line_items")) {
            lines.add(lineItem(line));
        }
        return lines;
    }

    private ObjectNode lineItem(JsonNode line) {
        ObjectNode node = identity("LineItem", line.path("id").asLong());
        node.put("name", line.path("name").asText());
        node.put("title", line.path("title").asText());
        node.put("sku", line.path("sku").asText());
        node.put("quantity", line.path("quantity").asInt());
        node.put("isGiftCard", line.path("gift_card").asBoolean());
        node.put("taxable", line.path("taxable").asBoolean());
        node.set("variant", identity("ProductVariant", line.path("variant_id").asLong()));
        node.set("originalUnitPriceSet", money(line.path("price")));
        node.set("totalDiscountSet", money(line.path("total_discount")));
        ArrayNode taxLines = node.putArray("taxLines");
        for (JsonNode tax : line.path("tax_lines")) {
            ObjectNode taxLine = typed("TaxLine");
            taxLine.put("title", tax.path("title").asText());
            taxLine.put("rate", tax.path("rate").asDouble());
            taxLine.set("priceSet", money(tax.path("price")));
            taxLines.add(taxLine);
        }
        return node;
    }

    private ObjectNode transaction(JsonNode rest) {
        ObjectNode node = identity("OrderTransaction", rest.path("id").asLong());
        node.put("kind", rest.path("kind").asText().toUpperCase(Locale.ROOT));
        node.put("status", rest.path("status").asText().toUpperCase(Locale.ROOT));
        node.put("gateway", rest.path("gateway").asText());
        node.set("amountSet", money(rest.path("amount")));
        time(node, "createdAt", rest.path("created_at"));
        time(node, "processedAt", rest.path("processed_at"));
        node.set("parentTransaction", rest.path("parent_id").isNull() ? null
                : identity("OrderTransaction", rest.path("parent_id").asLong()));
        return node;
    }

    private ObjectNode refund(JsonNode rest) {
        ObjectNode node = identity("Refund", rest.path("id").asLong());
        time(node, "createdAt", rest.path("created_at"));
        node.put("note", rest.path("note").asText());
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode t : rest.path("transactions")) {
            total = total.add(new BigDecimal(t.path("amount").asText()));
        }
        node.set("totalRefundedSet", money(ShopifyJson.MAPPER.getNodeFactory().textNode(shop.money(total))));
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : rest.path("refund_line_items")) {
            ObjectNode refundLine = typed("RefundLineItem");
            refundLine.put("id", gid("RefundLineItem", item.path("id").asLong()));
            refundLine.put("legacyResourceId", item.path("id").asText());
            refundLine.put("quantity", item.path("quantity").asInt());
            refundLine.put("restockType", item.path("restock_type").asText().toUpperCase(Locale.ROOT));
            refundLine.put("restocked", "return".equals(item.path("restock_type").asText()));
            refundLine.set("lineItem", lineItem(item.path("line_item")));
            refundLine.set("subtotalSet", money(item.path("subtotal")));
            refundLine.set("totalTaxSet", money(item.path("total_tax")));
            refundLine.set("location", item.path("location_id").isNull() ? null
                    : location(item.path("location_id").asLong()));
            items.add(refundLine);
        }
        node.set("refundLineItems", all("RefundLineItem", items));
        ArrayNode transactions = node.putArray("transactions");
        rest.path("transactions").forEach(t -> transactions.add(transaction(t)));
        return node;
    }

    ObjectNode location(long id) {
        ShopRecord record = shop.locations.get(id);
        ObjectNode node = identity("Location", id);
        if (record == null) {
            return node;
        }
        JsonNode rest = record.json;
        node.put("name", rest.path("name").asText());
        node.put("isActive", rest.path("active").asBoolean());
        ObjectNode address = node.putObject("address");
        address.put("__typename", "LocationAddress");
        address.put("address1", rest.path("address1").asText());
        address.put("city", rest.path("city").asText());
        address.put("zip", rest.path("zip").asText());
        address.put("province", rest.path("province").asText());
        address.put("countryCode", rest.path("country_code").asText());
        time(node, "createdAt", rest.path("created_at"));
        time(node, "updatedAt", rest.path("updated_at"));
        return node;
    }

    ObjectNode product(ShopRecord record) {
        JsonNode rest = record.json;
        ObjectNode node = identity("Product", record.id);
        node.put("title", rest.path("title").asText());
        node.put("handle", rest.path("handle").asText());
        node.put("productType", rest.path("product_type").asText());
        node.put("vendor", rest.path("vendor").asText());
        node.put("status", rest.path("status").asText().toUpperCase(Locale.ROOT));
        node.put("isGiftCard", rest.path("gift_card").asBoolean());
        time(node, "createdAt", rest.path("created_at"));
        time(node, "updatedAt", rest.path("updated_at"));
        List<ObjectNode> variants = new ArrayList<>();
        for (JsonNode variant : rest.path("variants")) {
            ObjectNode v = identity("ProductVariant", variant.path("id").asLong());
            v.put("title", variant.path("title").asText());
            v.put("sku", variant.path("sku").asText());
            v.put("price", variant.path("price").asText());
            v.put("taxable", variant.path("taxable").asBoolean());
            time(v, "updatedAt", variant.path("updated_at"));
            ObjectNode item = identity("InventoryItem", variant.path("inventory_item_id").asLong());
            item.put("sku", variant.path("sku").asText());
            item.put("tracked", !variant.path("inventory_management").isNull());
            v.set("inventoryItem", item);
            variants.add(v);
        }
        node.set("variants", all("ProductVariant", variants));
        return node;
    }

    /** An inventory item: its variant's SKU and its levels at every location; updated when a level changed. */
    ObjectNode inventoryItem(ShopRecord product, JsonNode variant, List<ShopRecord> levels, Instant updatedAt) {
        long id = variant.path("inventory_item_id").asLong();
        ObjectNode node = identity("InventoryItem", id);
        node.put("sku", variant.path("sku").asText());
        node.put("tracked", true);
        time(node, "createdAt", product.json.path("created_at"));
        node.put("updatedAt", updatedAt.toString());
        node.set("variant", identity("ProductVariant", variant.path("id").asLong()));
        List<ObjectNode> nodes = new ArrayList<>();
        for (ShopRecord level : levels) {
            long location = level.json.path("location_id").asLong();
            ObjectNode levelNode = typed("InventoryLevel");
            levelNode.put("id", "gid://shopify/InventoryLevel/" + location + "?inventory_item_id=" + id);
            levelNode.set("location", location(location));
            ArrayNode quantities = levelNode.putArray("quantities");
            for (String name : new String[] {"available", "on_hand"}) {
                ObjectNode quantity = quantities.addObject();
                quantity.put("__typename", "InventoryQuantity");
                quantity.put("name", name);
                quantity.put("quantity", level.json.path("available").asInt());
            }
            levelNode.put("updatedAt", level.updatedAt.toString());
            nodes.add(levelNode);
        }
        node.set("inventoryLevels", all("InventoryLevel", nodes));
        return node;
    }

    ObjectNode shop() {
        ObjectNode rest = shop.shopJson();
        ObjectNode node = identity("Shop", rest.path("id").asLong());
        node.put("name", rest.path("name").asText());
        node.put("myshopifyDomain", rest.path("myshopify_domain").asText());
        node.put("currencyCode", rest.path("currency").asText());
        node.put("ianaTimezone", rest.path("iana_timezone").asText());
        node.put("taxesIncluded", rest.path("taxes_included").asBoolean());
        return node;
    }
}
