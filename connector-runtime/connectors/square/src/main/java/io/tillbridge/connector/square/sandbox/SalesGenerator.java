package io.tillbridge.connector.square.sandbox;

import static io.tillbridge.connector.square.sandbox.SquareJson.amount;
import static io.tillbridge.connector.square.sandbox.SquareJson.money;
import static io.tillbridge.connector.square.sandbox.SquareJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Rings up sales at the merchant's registers: card, cash and split tenders with tips, gift-card
 * sales and redemptions, discounts, service charges, voided tickets, open tabs that are paid later,
 * offline orders that reach the API up to 72 hours after they were created, partial refunds,
 * returns on a later order and exchanges. Every change is recorded as a webhook event at the time
 * it becomes visible; {@link #flush} hands the events up to a time to {@link SandboxEvents}.
 */
final class SalesGenerator {

    private record StockChange(Instant at, long sequence, String locationId, JsonNode item, int sign) {
    }

    private record Pending(Instant at, long sequence, String type, String dataType, String id, ObjectNode object) {
    }

    private final SandboxData data;
    private final SquareMerchant merchant;
    private final Random random;
    private final SquareIds ids;
    private final OrderPricing pricing;
    private final CatalogSeed catalog;
    private final TenderDesk tenders;
    private final List<Pending> outbox = new ArrayList<>();
    /** Stock changes of sales that reach Square later (offline registers): applied when they arrive. */
    private final List<StockChange> arriving = new ArrayList<>();
    private long sequence;

    SalesGenerator(SandboxData data, Random random, SquareIds ids, CatalogSeed catalog) {
        this.data = data;
        this.merchant = data.merchant();
        this.random = random;
        this.ids = ids;
        this.pricing = new OrderPricing(merchant, ids);
        this.catalog = catalog;
        this.tenders = new TenderDesk(data, random, ids, pricing, this::record);
    }

    /** {@code count} orders created between {@code from} and {@code to}; later effects up to {@code to}. */
    void orders(int count, Instant from, Instant to) {
        List<Instant> times = new ArrayList<>();
        long span = Math.max(1, Duration.between(from, to).toMillis());
        for (int i = 0; i < count; i++) {
            times.add(from.plusMillis((long) (random.nextDouble() * span)));
        }
        times.sort(Comparator.naturalOrder());
        List<ObjectNode> locations = data.locationsLive();
        for (Instant at : times) {
            sale(locations.get(random.nextInt(locations.size())), at, to, null);
        }
    }

    /** An offline register that has not synced: a sale of the last hour that reaches the API in 1 to 3 hours. */
    void unsynced(Instant now) {
        List<ObjectNode> locations = data.locationsLive();
        Instant createdAt = now.minus(Duration.ofMinutes(10 + random.nextInt(50)));
        Duration late = Duration.between(createdAt, now).plus(Duration.ofMinutes(60 + random.nextInt(120)));
        sale(locations.get(random.nextInt(locations.size())), createdAt, now, late);
    }

    /** What happens between {@code from} and {@code to}: new sales, tabs paid, offline orders arriving. */
    void activity(Instant from, Instant to, int perHourPerLocation) {
        double expected = Duration.between(from, to).toSeconds() / 3600.0 * perHourPerLocation
                * data.locationsLive().size();
        int count = (int) Math.min(100_000, Math.floor(expected) + (random.nextDouble() < expected % 1 ? 1 : 0));
        for (var stored : data.allOrders()) {
            ObjectNode order = stored.node();
            if ("OPEN".equals(order.path("state").asText()) && !stored.visibleAt().isAfter(from)
                    && random.nextBoolean()) {
                Instant at = between(from, to);
                tenders.pay(order, tabPayment(), at, at, false);
                order.put("state", "COMPLETED");
                bump(order, at);
                order.put("closed_at", time(at));
                pricing.totals(order);
                sold(order, at, -1);
                record("order.updated", at, orderUpdated(order));
            }
        }
        orders(count, from, to);
    }

    /**
     * Applies the stock changes of sales that arrived by {@code until}, then hands every recorded event
     * up to {@code until} to {@code events}, oldest first; later ones wait.
     */
    void flush(Instant until, SandboxEvents events) {
        arriving.sort(Comparator.comparing(StockChange::at).thenComparingLong(StockChange::sequence));
        while (!arriving.isEmpty() && !arriving.get(0).at().isAfter(until)) {
            StockChange due = arriving.remove(0);
            change(due.locationId(), due.item(), due.at(), due.sign());
        }
        outbox.sort(Comparator.comparing(Pending::at).thenComparingLong(Pending::sequence));
        int end = 0;
        while (end < outbox.size() && !outbox.get(end).at().isAfter(until)) {
            end++;
        }
        List<Pending> due = new ArrayList<>(outbox.subList(0, end));
        outbox.subList(0, end).clear();
        for (Pending p : due) {
            events.publish(p.type(), p.at(), p.dataType(), p.id(), p.object());
        }
    }

    /** One sale; {@code late} is how long an offline order takes to reach the API, null to draw it. */
    private void sale(ObjectNode location, Instant createdAt, Instant horizon, Duration late) {
        boolean offline = late != null || random.nextInt(100) < 4;
        Instant visibleAt = !offline ? createdAt
                : createdAt.plus(late != null ? late : Duration.ofMinutes(60 + random.nextInt(71 * 60)));
        ObjectNode order = newOrder(location, createdAt);
        int roll = late != null ? 50 : random.nextInt(100);
        List<OrderPricing.Line> lines = lines(location);
        if (roll >= 8 && roll < 12) {
            long load = catalog.price(2500) * (1 + random.nextInt(2));
            lines.add(new OrderPricing.Line("GIFT_CARD", null, "Gift Card", "Gift Card", "1", load, List.of(), null));
        }
        ObjectNode discount = random.nextInt(100) < 12 ? pick("DISCOUNT") : null;
        String charge = lines.size() >= 4 && random.nextInt(10) < 3 ? ("GB".equals(merchant.country()) ? "12.5"
                : "JP".equals(merchant.country()) ? "10" : "18") : null;
        pricing.price(order, lines, taxAt(location), discount, charge);
        if (roll < 5) {
            order.put("state", "CANCELED");
            Instant closedAt = createdAt.plusSeconds(30 + random.nextInt(600));
            order.put("closed_at", time(closedAt));
            order.put("updated_at", time(offline ? visibleAt : closedAt));
            order.put("version", 2);
            pricing.totals(order);
            store(order, offline ? visibleAt : closedAt, "order.created");
            return;
        }
        if (roll < 8) {
            order.put("state", "OPEN");
            order.put("ticket_name", "Tab " + (1 + random.nextInt(40)));
            pricing.totals(order);
            store(order, createdAt, "order.created");
            return;
        }
        Instant paidAt = createdAt.plusSeconds(20 + random.nextInt(240));
        tenders.pay(order, roll >= 12 && roll < 16 ? TenderDesk.Kind.GIFT_CARD_AND_CARD
                : roll < 24 ? TenderDesk.Kind.SPLIT : roll < 36 ? TenderDesk.Kind.CASH : TenderDesk.Kind.CARD,
                paidAt, offline ? visibleAt : paidAt, offline);
        order.put("state", "COMPLETED");
        order.put("closed_at", time(paidAt));
        order.put("updated_at", time(offline ? visibleAt : paidAt));
        pricing.totals(order);
        store(order, offline ? visibleAt : paidAt, "order.created");
        sold(order, offline ? visibleAt : paidAt, -1);
        int after = random.nextInt(100);
        Instant later = (offline ? visibleAt : paidAt).plus(Duration.ofMinutes(30 + random.nextInt(3 * 24 * 60)));
        if (later.isAfter(horizon) || after >= 12) {
            return;
        }
        if (after < 6) {
            long refundable = amount(order.path("tenders").get(0).path("amount_money"));
            long refund = after < 2 ? refundable : Math.max(1, refundable * (20 + random.nextInt(41)) / 100);
            tenders.refund(order, order, refund, after < 2 ? "Charged twice" : "Customer complaint", later);
            bump(order, later);
            record("order.updated", later, orderUpdated(order));
        } else {
            returnOrder(order, later, after >= 10);
        }
    }

    private TenderDesk.Kind tabPayment() {
        return random.nextInt(4) == 0 ? TenderDesk.Kind.CASH : TenderDesk.Kind.CARD;
    }

    /** A later order that returns the source order's lines (all, or one for an exchange) and refunds them. */
    private void returnOrder(ObjectNode source, Instant at, boolean exchange) {
        List<JsonNode> returned = new ArrayList<>();
        for (JsonNode item : source.path("line_items")) {
            if (!"GIFT_CARD".equals(item.path("item_type").asText())) {
                returned.add(item);
            }
        }
        if (returned.isEmpty()) {
            return;
        }
        if (exchange) {
            returned = returned.subList(0, 1);
        }
        ObjectNode location = null;
        for (ObjectNode l : data.locationsLive()) {
            if (l.path("id").asText().equals(source.path("location_id").asText())) {
                location = l;
            }
        }
        ObjectNode order = newOrder(location, at);
        if (source.has("customer_id")) {
            order.put("customer_id", source.path("customer_id").asText());
        }
        if (exchange) {
            pricing.price(order, lines(location).subList(0, 1), taxAt(location), null, null);
        }
        ObjectNode ret = order.putArray("returns").addObject();
        ret.put("uid", ids.uid());
        ret.put("source_order_id", source.path("id").asText());
        ArrayNode returnLines = ret.putArray("return_line_items");
        JsonNode sourceTax = source.path("taxes").get(0);
        String returnTaxUid = ids.uid();
        long total = 0;
        long tax = 0;
        long discount = 0;
        for (JsonNode item : returned) {
            ObjectNode r = returnLines.addObject();
            r.put("uid", ids.uid());
            r.put("source_line_item_uid", item.path("uid").asText());
            for (String f : new String[] {"name", "quantity", "quantity_unit", "catalog_object_id", "variation_name",
                "item_type", "base_price_money", "variation_total_price_money"}) {
                if (item.has(f)) {
                    r.set(f, item.get(f).deepCopy());
                }
            }
            r.set("gross_return_money", item.path("gross_sales_money").deepCopy());
            r.set("total_tax_money", item.path("total_tax_money").deepCopy());
            r.set("total_discount_money", item.path("total_discount_money").deepCopy());
            r.set("total_money", item.path("total_money").deepCopy());
            r.putArray("applied_taxes").addObject().put("uid", ids.uid()).put("tax_uid", returnTaxUid)
                    .set("applied_money", item.path("total_tax_money").deepCopy());
            total += amount(item.path("total_money"));
            tax += amount(item.path("total_tax_money"));
            discount += amount(item.path("total_discount_money"));
        }
        ObjectNode returnTax = ret.putArray("return_taxes").addObject();
        returnTax.put("uid", returnTaxUid);
        returnTax.put("source_tax_uid", sourceTax.path("uid").asText());
        for (String f : new String[] {"catalog_object_id", "catalog_version", "name", "type", "percentage"}) {
            returnTax.set(f, sourceTax.get(f).deepCopy());
        }
        returnTax.set("applied_money", money(tax, merchant.currency()));
        returnTax.put("scope", "ORDER");
        ret.set("return_amounts", pricing.amounts(total, tax, discount, 0, 0));
        pricing.totals(order);
        long difference = amount(order.path("total_money")) - total;
        if (difference > 0) {
            tenders.payExactly(order, difference, at);
        }
        order.put("state", "COMPLETED");
        order.put("closed_at", time(at));
        pricing.totals(order);
        store(order, at, "order.created");
        if (difference < 0) {
            tenders.refund(source, order, -difference, exchange ? "Exchange" : "Returned goods", at);
        }
        for (JsonNode item : returned) {
            restock(source.path("location_id").asText(), item, at);
        }
        sold(order, at, -1);
    }

    private ObjectNode newOrder(ObjectNode location, Instant createdAt) {
        ObjectNode order = SquareJson.object();
        order.put("id", ids.order());
        order.put("location_id", location.path("id").asText());
        order.putObject("source").put("name", "Square Point of Sale");
        List<ObjectNode> customers = data.customersLive();
        if (!customers.isEmpty() && random.nextInt(10) < 4) {
            order.put("customer_id", customers.get(random.nextInt(customers.size())).path("id").asText());
        }
        order.put("created_at", time(createdAt));
        order.put("updated_at", time(createdAt));
        order.put("state", "OPEN");
        order.put("version", 1);
        return order;
    }

    private List<OrderPricing.Line> lines(ObjectNode location) {
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode o : data.catalogLive()) {
            if ("ITEM".equals(o.path("type").asText()) && !o.path("is_deleted").asBoolean()) {
                items.add(o);
            }
        }
        List<OrderPricing.Line> lines = new ArrayList<>();
        int count = 1 + random.nextInt(random.nextInt(10) == 0 ? 6 : 3);
        for (int i = 0; i < count; i++) {
            ObjectNode item = items.get(random.nextInt(items.size()));
            JsonNode variations = item.path("item_data").path("variations");
            JsonNode variation = variations.get(random.nextInt(variations.size()));
            JsonNode vd = variation.path("item_variation_data");
            boolean byWeight = item.path("item_data").path("name").asText().contains("per lb");
            String quantity = byWeight ? new BigDecimal(25 + random.nextInt(176)).movePointLeft(2).toPlainString()
                    : Integer.toString(1 + (random.nextInt(5) == 0 ? random.nextInt(3) : 0));
            List<OrderPricing.Modifier> modifiers = new ArrayList<>();
            for (JsonNode info : item.path("item_data").path("modifier_list_info")) {
                if (random.nextInt(10) < 4) {
                    JsonNode mods = data.catalogObject(info.path("modifier_list_id").asText())
                            .path("modifier_list_data").path("modifiers");
                    JsonNode mod = mods.get(random.nextInt(mods.size()));
                    modifiers.add(new OrderPricing.Modifier(mod.path("id").asText(),
                            mod.path("modifier_data").path("name").asText(),
                            amount(mod.path("modifier_data").path("price_money"))));
                }
            }
            lines.add(new OrderPricing.Line("ITEM", variation.path("id").asText(),
                    item.path("item_data").path("name").asText(), vd.path("name").asText(), quantity,
                    amount(vd.path("price_money")), modifiers, byWeight ? "IMPERIAL_POUND" : null));
        }
        if (random.nextInt(40) == 0) {
            lines.add(new OrderPricing.Line("CUSTOM_AMOUNT", null, "Custom amount", null, "1", catalog.price(500),
                    List.of(), null));
        }
        return lines;
    }

    private ObjectNode taxAt(ObjectNode location) {
        for (ObjectNode o : data.catalogLive()) {
            if ("TAX".equals(o.path("type").asText()) && (o.path("present_at_all_locations").asBoolean()
                    || o.path("present_at_location_ids").toString().contains(location.path("id").asText()))) {
                return o;
            }
        }
        throw new IllegalStateException("no tax at " + location.path("id").asText());
    }

    private ObjectNode pick(String type) {
        List<ObjectNode> candidates = new ArrayList<>();
        for (ObjectNode o : data.catalogLive()) {
            if (type.equals(o.path("type").asText())) {
                candidates.add(o);
            }
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** Takes the order's tracked variations out of (sign -1) or back into (sign +1) stock. */
    private void sold(ObjectNode order, Instant at, int sign) {
        for (JsonNode item : order.path("line_items")) {
            adjust(order.path("location_id").asText(), item, at, sign);
        }
    }

    private void restock(String locationId, JsonNode item, Instant at) {
        adjust(locationId, item, at, 1);
    }

    /**
     * Changes the stock at {@code at}; a change after the sandbox's present (an offline sale that
     * reaches Square later) waits for it, as Square counts only what it has received: a count is never
     * calculated in the future.
     */
    private void adjust(String locationId, JsonNode item, Instant at, int sign) {
        if (at.isAfter(data.now())) {
            arriving.add(new StockChange(at, sequence++, locationId, item, sign));
            return;
        }
        change(locationId, item, at, sign);
    }

    private void change(String locationId, JsonNode item, Instant at, int sign) {
        ObjectNode count = data.inventoryCount(
                CatalogSeed.inventoryKey(item.path("catalog_object_id").asText(), locationId));
        if (count == null) {
            return;
        }
        BigDecimal quantity = new BigDecimal(count.path("quantity").asText())
                .add(new BigDecimal(item.path("quantity").asText()).multiply(BigDecimal.valueOf(sign)));
        if (quantity.signum() <= 0) {
            quantity = quantity.add(BigDecimal.valueOf(100));
        }
        count.put("quantity", quantity.stripTrailingZeros().toPlainString());
        count.put("calculated_at", time(at));
        ObjectNode object = SquareJson.object();
        object.putArray("inventory_counts").add(count.deepCopy());
        record("inventory.count.updated", at, "inventory_counts", item.path("catalog_object_id").asText(), object);
    }

    private void store(ObjectNode order, Instant visibleAt, String event) {
        data.putOrder(order, visibleAt);
        record(event, visibleAt, "order_created", order.path("id").asText(), orderEvent("order_created", order));
    }

    private ObjectNode orderUpdated(ObjectNode order) {
        ObjectNode object = orderEvent("order_updated", order);
        ((ObjectNode) object.path("order_updated")).put("updated_at", order.path("updated_at").asText());
        return object;
    }

    /** {@code data.object} of an order event: {@code {<name>: {order_id, version, location_id, state, created_at}}}. */
    private static ObjectNode orderEvent(String name, ObjectNode order) {
        ObjectNode object = SquareJson.object();
        object.putObject(name).put("order_id", order.path("id").asText()).put("version", order.path("version").asInt())
                .put("location_id", order.path("location_id").asText()).put("state", order.path("state").asText())
                .put("created_at", order.path("created_at").asText());
        return object;
    }

    private void record(String type, Instant at, ObjectNode orderUpdated) {
        record(type, at, "order_updated", orderUpdated.path("order_updated").path("order_id").asText(), orderUpdated);
    }

    private void bump(ObjectNode order, Instant at) {
        order.put("version", order.path("version").asInt() + 1);
        order.put("updated_at", time(at));
    }

    private Instant between(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        return from.plusMillis(1 + (long) (random.nextDouble() * (span - 1)));
    }

    void record(String type, Instant at, String dataType, String id, ObjectNode object) {
        outbox.add(new Pending(at, sequence++, type, dataType, id, object));
    }
}
