package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Makes a shop's orders: online and POS sales with discounts, taxes, shipping, tips, gift cards and
 * split payments; cancellations, partial and full refunds with restock, exchanges, offline POS sales
 * that arrive up to 72 hours late; and the inventory and price changes that go with them.
 */
final class SalesGenerator {

    private static final Duration LATE_AT_MOST = Duration.ofHours(72);

    private final ShopData shop;
    private final Random random;
    private final CatalogSeed catalog;
    private final OrderBook book;
    private final Refunds refunds;
    private final List<ObjectNode[]> sellable;
    private ShopEvents events = ShopEvents.NONE;
    /** Nothing happens after this instant: the end of the seeded history or of the advanced step. */
    private Instant horizon = Instant.MAX;

    SalesGenerator(ShopData shop, Random random, CatalogSeed catalog) {
        this.shop = shop;
        this.random = random;
        this.catalog = catalog;
        this.book = new OrderBook(shop);
        this.refunds = new Refunds(shop, book);
        this.sellable = catalog.sellable();
    }

    /**
     * {@code count} orders between {@code from} and {@code now}, their refunds, and two offline sales
     * still on their way.
     */
    void seed(int count, Instant from, Instant now) {
        events = ShopEvents.NONE;
        horizon = now;
        long span = Duration.between(from, now).toSeconds();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(from.plusSeconds((long) (random.nextDouble() * span)));
        }
        times.sort(Comparator.naturalOrder());
        List<Happening> later = new ArrayList<>();
        for (Instant at : times) {
            ShopRecord order = sell(at, at, pickLocation(), random.nextDouble() < 0.6);
            Instant changeAt = at.plus(Duration.ofMinutes(30 + random.nextInt(96 * 60)));
            if (changeAt.isBefore(now) && order.json.path("cancelled_at").isNull()) {
                later.add(new Happening(changeAt, () -> change(order, changeAt, 0.08, 0.03, 0.03)));
            }
        }
        later.sort(Comparator.comparing(Happening::at));
        later.forEach(h -> h.action().run());
        for (int i = 0; i < 2; i++) {
            Instant arrives = now.plus(Duration.ofMinutes(60 + random.nextInt(120)));
            shop.lateSales.add(new ShopData.LateSale(arrives.minus(Duration.ofHours(12 + random.nextInt(60))),
                    arrives, pickLocation()));
        }
    }

    /** What happens between {@code from} and {@code to}, announced to {@code listener} as it happens. */
    void advance(Instant from, Instant to, int ordersPerHour, ShopEvents listener) {
        events = listener;
        Instant stepStart = from;
        while (stepStart.isBefore(to)) {
            Instant stepEnd = min(stepStart.plus(Duration.ofHours(1)), to);
            horizon = stepEnd;
            step(stepStart, stepEnd, ordersPerHour);
            stepStart = stepEnd;
        }
        events = ShopEvents.NONE;
    }

    private record Happening(Instant at, Runnable action) {
    }

    private void step(Instant start, Instant end, int ordersPerHour) {
        long seconds = Duration.between(start, end).toSeconds();
        double fraction = seconds / 3600.0;
        List<Happening> happenings = new ArrayList<>();
        for (ShopRecord location : shop.locations.values()) {
            for (int i = 0; i < ordersPerHour; i++) {
                if (random.nextDouble() >= fraction) {
                    continue;
                }
                Instant at = start.plusSeconds(1 + (long) (random.nextDouble() * Math.max(0, seconds - 1)));
                boolean pos = random.nextDouble() < 0.6;
                if (pos && random.nextDouble() < 0.1) {
                    Duration delay = Duration.ofMinutes(30 + random.nextInt((int) LATE_AT_MOST.toMinutes() - 30));
                    shop.lateSales.add(new ShopData.LateSale(at, at.plus(delay), location.id));
                } else {
                    happenings.add(new Happening(at, () -> sell(at, at, location.id, pos)));
                }
            }
        }
        for (ShopData.LateSale late : List.copyOf(shop.lateSales)) {
            if (!late.arrivesAt().isAfter(end)) {
                shop.lateSales.remove(late);
                happenings.add(new Happening(late.arrivesAt(),
                        () -> sell(late.soldAt(), late.arrivesAt(), late.locationId(), true)));
            }
        }
        if (random.nextDouble() < 0.4 * fraction) {
            Instant at = start.plusSeconds((long) (random.nextDouble() * seconds));
            happenings.add(new Happening(at,
                    () -> recentOrder(at).ifPresent(order -> change(order, at, 0.6, 0.2, 0.2))));
        }
        if (random.nextDouble() < 0.2 * fraction) {
            Instant at = start.plusSeconds((long) (random.nextDouble() * seconds));
            happenings.add(new Happening(at, () -> reprice(at)));
        }
        happenings.sort(Comparator.comparing(Happening::at));
        happenings.forEach(h -> h.action().run());
    }

    /** With these chances, a partial refund, a full refund or an exchange of {@code order}; else nothing. */
    private void change(ShopRecord order, Instant at, double partial, double full, double exchange) {
        double roll = random.nextDouble();
        if (roll < partial) {
            refund(order, at, false);
        } else if (roll < partial + full) {
            refund(order, at, true);
        } else if (roll < partial + full + exchange) {
            exchange(order, at);
        }
    }

    private long pickLocation() {
        List<Long> ids = new ArrayList<>(shop.locations.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private Optional<ShopRecord> recentOrder(Instant before) {
        List<ShopRecord> candidates = shop.orders.descendingMap().values().stream()
                .filter(o -> o.json.path("cancelled_at").isNull() && o.json.path("refunds").isEmpty()
                        && o.createdAt.isBefore(before))
                .limit(30).toList();
        return candidates.isEmpty() ? Optional.empty()
                : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    /**
     * A sale rung up at {@code soldAt} that reached Shopify at {@code arrivedAt} (later for an offline
     * POS sale): {@code created_at} is the sale, {@code processed_at} and {@code updated_at} the arrival.
     */
    ShopRecord sell(Instant soldAt, Instant arrivedAt, long locationId, boolean pos) {
        long id = shop.nextId();
        int number = shop.nextOrderNumber();
        ObjectNode order = ShopifyJson.object();
        order.put("id", id);
        order.put("admin_graphql_api_id", ShopifyJson.gid("Order", id));
        order.put("name", "#" + number);
        order.put("order_number", number);
        order.put("created_at", shop.at(soldAt));
        order.put("processed_at", shop.at(arrivedAt));
        order.put("updated_at", shop.at(arrivedAt));
        order.put("currency", shop.profile().currency());
        order.put("presentment_currency", shop.profile().currency());
        order.put("taxes_included", shop.profile().taxesIncluded());
        order.put("source_name", pos ? "pos" : "web");
        if (pos) {
            order.put("location_id", locationId);
        } else {
            order.putNull("location_id");
        }
        order.put("test", false);
        order.put("tags", "");
        order.putNull("cancelled_at");
        order.putNull("cancel_reason");
        order.putNull("closed_at");
        customer(order, pos);
        ArrayNode lines = order.putArray("line_items");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            lines.add(line(sellable.get(random.nextInt(sellable.size() - 3)), 1 + random.nextInt(3)));
        }
        if (random.nextDouble() < 0.06) {
            lines.add(line(sellable.get(sellable.size() - 1 - random.nextInt(3)), 1));
        }
        discount(order);
        lines.forEach(line -> book.taxLine((ObjectNode) line));
        ArrayNode shipping = order.putArray("shipping_lines");
        if (!pos && random.nextDouble() < 0.7) {
            ObjectNode ship = shipping.addObject();
            ship.put("id", shop.nextId());
            boolean express = random.nextBoolean();
            ship.put("title", express ? "Express" : "Standard");
            ship.put("code", express ? "EXPRESS" : "STANDARD");
            ship.put("source", "shopify");
            String price = shop.money(catalog.price(express ? 14.99 : 4.99));
            ship.put("price", price);
            ship.put("discounted_price", price);
            ship.putArray("tax_lines");
            ship.putArray("discount_allocations");
        }
        order.put("total_tip_received", shop.money(BigDecimal.ZERO));
        book.total(order);
        if (pos && random.nextDouble() < 0.3) {
            BigDecimal subtotal = book.amount(order.path("subtotal_price"));
            order.put("total_tip_received", shop.money(subtotal.multiply(BigDecimal.valueOf(10 + random.nextInt(11)))
                    .divide(BigDecimal.valueOf(100), shop.profile().currencyDigits(), RoundingMode.HALF_UP)));
            book.total(order);
        }
        order.putArray("refunds");
        ShopRecord record = new ShopRecord(id, soldAt, arrivedAt, order);
        boolean cancelled = !pos && random.nextDouble() < 0.05;
        pay(record, arrivedAt, pos, cancelled);
        if (pos) {
            order.put("closed_at", shop.at(arrivedAt));
            order.put("fulfillment_status", "fulfilled");
        } else {
            order.putNull("fulfillment_status");
        }
        shop.orders.put(id, record);
        events.changed(shop, "orders/create", record.snapshot(), arrivedAt);
        if (cancelled) {
            Instant at = min(arrivedAt.plus(Duration.ofMinutes(5 + random.nextInt(120))), horizon);
            order.put("cancelled_at", shop.at(at));
            order.put("cancel_reason", "customer");
            order.put("closed_at", shop.at(at));
            order.put("financial_status", "voided");
            long authorization = record.transactions.get(0).path("id").asLong();
            record.transactions.add(book.transaction(id, "void", "shopify_payments", book.amount(
                    order.path("total_price")), at, authorization));
            record.touch(shop, at);
            events.changed(shop, "orders/updated", record.snapshot(), at);
        } else {
            for (JsonNode line : lines) {
                stock(line, pos ? locationId : shop.locations.firstKey(), -line.path("quantity").asInt(), arrivedAt);
            }
        }
        return record;
    }

    private void customer(ObjectNode order, boolean pos) {
        if (shop.customers.isEmpty() || random.nextDouble() < (pos ? 0.6 : 0.2)) {
            order.putNull("customer");
            order.putNull("email");
            return;
        }
        List<ShopRecord> all = new ArrayList<>(shop.customers.values());
        ShopRecord customer = all.get(random.nextInt(all.size()));
        ObjectNode summary = order.putObject("customer");
        for (String field : new String[] {"id", "email", "first_name", "last_name"}) {
            summary.set(field, customer.json.get(field));
        }
        order.set("email", customer.json.get("email"));
    }

    private ObjectNode line(ObjectNode[] productAndVariant, int quantity) {
        ObjectNode product = productAndVariant[0];
        ObjectNode variant = productAndVariant[1];
        ObjectNode line = ShopifyJson.object();
        line.put("id", shop.nextId());
        line.put("variant_id", variant.path("id").asLong());
        line.put("product_id", product.path("id").asLong());
        line.put("title", product.path("title").asText());
        line.put("variant_title", variant.path("title").asText());
        line.put("name", product.path("title").asText() + " - " + variant.path("title").asText());
        line.put("sku", variant.path("sku").asText());
        line.put("vendor", product.path("vendor").asText());
        line.put("quantity", quantity);
        line.put("fulfillable_quantity", quantity);
        line.put("price", variant.path("price").asText());
        line.put("gift_card", product.path("gift_card").asBoolean());
        line.put("taxable", variant.path("taxable").asBoolean());
        line.put("requires_shipping", variant.path("requires_shipping").asBoolean());
        line.putArray("discount_allocations");
        line.put("total_discount", shop.money(BigDecimal.ZERO));
        return line;
    }

    /** A discount code on a quarter of the orders: 10 % off, or a fixed amount spread over the lines. */
    private void discount(ObjectNode order) {
        ArrayNode codes = order.putArray("discount_codes");
        ArrayNode applications = order.putArray("discount_applications");
        if (random.nextDouble() >= 0.25) {
            return;
        }
        List<ObjectNode> eligible = new ArrayList<>();
        BigDecimal base = BigDecimal.ZERO;
        for (JsonNode line : order.path("line_items")) {
            if (!line.path("gift_card").asBoolean()) {
                eligible.add((ObjectNode) line);
                base = base.add(book.gross(line));
            }
        }
        boolean percent = random.nextBoolean();
        int digits = shop.profile().currencyDigits();
        BigDecimal total = percent ? base.multiply(new BigDecimal("0.10")).setScale(digits, RoundingMode.HALF_UP)
                : catalog.price(5).min(base);
        String code = percent ? "WELCOME10" : "SAVE5";
        ObjectNode application = applications.addObject();
        application.put("type", "discount_code");
        application.put("code", code);
        application.put("value", percent ? "10.0" : shop.money(catalog.price(5)));
        application.put("value_type", percent ? "percentage" : "fixed_amount");
        application.put("allocation_method", "across");
        application.put("target_type", "line_item");
        ObjectNode codeJson = codes.addObject();
        codeJson.put("code", code);
        codeJson.put("amount", shop.money(total));
        codeJson.put("type", percent ? "percentage" : "fixed_amount");
        BigDecimal left = total;
        for (int i = 0; i < eligible.size(); i++) {
            ObjectNode line = eligible.get(i);
            BigDecimal share = i == eligible.size() - 1 ? left
                    : total.multiply(book.gross(line)).divide(base, digits, RoundingMode.DOWN);
            left = left.subtract(share);
            ObjectNode allocation = ShopifyJson.object();
            allocation.put("amount", shop.money(share));
            allocation.put("discount_application_index", 0);
            line.putArray("discount_allocations").add(allocation);
            line.put("total_discount", shop.money(share));
        }
    }

    /** Payments: card, cash at a POS, or part gift card and part card; an order to be cancelled is only authorized. */
    private void pay(ShopRecord order, Instant at, boolean pos, boolean authorizeOnly) {
        BigDecimal total = book.amount(order.json.path("total_price"));
        ArrayNode gateways = order.json.putArray("payment_gateway_names");
        if (authorizeOnly) {
            order.transactions.add(book.transaction(order.id, "authorization", "shopify_payments", total, at, null));
            gateways.add("shopify_payments");
            order.json.put("financial_status", "authorized");
            return;
        }
        order.json.put("financial_status", "paid");
        if (total.signum() > 0 && random.nextDouble() < 0.12) {
            BigDecimal giftCard = total.divide(BigDecimal.valueOf(2 + random.nextInt(3)),
                    shop.profile().currencyDigits(), RoundingMode.DOWN);
            order.transactions.add(book.transaction(order.id, "sale", "gift_card", giftCard, at, null));
            order.transactions.add(book.transaction(order.id, "sale", "shopify_payments", total.subtract(giftCard), at,
                    null));
            gateways.add("gift_card").add("shopify_payments");
            return;
        }
        String gateway = pos && random.nextDouble() < 0.3 ? "cash" : "shopify_payments";
        order.transactions.add(book.transaction(order.id, "sale", gateway, total, at, null));
        gateways.add(gateway);
    }

    /**
     * A refund: one unit of one line ({@code full} false) or everything left, with shipping and tip;
     * returned goods are restocked at the order's location. Null when there is nothing to return.
     */
    ObjectNode refund(ShopRecord order, Instant at, boolean full) {
        List<ObjectNode> lines = new ArrayList<>();
        order.json.path("line_items").forEach(line -> lines.add((ObjectNode) line));
        if (!full) {
            List<ObjectNode> goods = lines.stream().filter(l -> !l.path("gift_card").asBoolean()).toList();
            if (goods.isEmpty()) {
                return null;
            }
            lines.clear();
            lines.add(goods.get(random.nextInt(goods.size())));
        }
        ObjectNode refund = refunds.refund(order, lines, full, at, this::stock);
        events.changed(shop, "refunds/create", refund.deepCopy(), at);
        events.changed(shop, "orders/updated", order.snapshot(), at);
        return refund;
    }

    /**
     * An exchange as an order edit: one unit of a line is returned (a refund with restock) and a
     * different variant is added to the order, paid by a new sale for its price.
     */
    void exchange(ShopRecord order, Instant at) {
        if (refund(order, at, false) == null) {
            return;
        }
        ObjectNode line = line(sellable.get(random.nextInt(sellable.size() - 3)), 1);
        book.taxLine(line);
        ((ArrayNode) order.json.path("line_items")).add(line);
        BigDecimal before = book.amount(order.json.path("total_price"));
        book.total(order.json);
        BigDecimal charge = book.amount(order.json.path("total_price")).subtract(before);
        order.transactions.add(book.transaction(order.id, "sale", "shopify_payments", charge, at, null));
        order.json.put("tags", "exchange");
        long location = order.json.path("location_id").isNull() ? shop.locations.firstKey()
                : order.json.path("location_id").asLong();
        stock(line, location, -1, at);
        order.touch(shop, at);
        events.changed(shop, "orders/updated", order.snapshot(), at);
    }

    private void reprice(Instant at) {
        ObjectNode[] pick = sellable.get(random.nextInt(sellable.size() - 3));
        BigDecimal price = new BigDecimal(pick[1].path("price").asText());
        BigDecimal changed = price.multiply(BigDecimal.valueOf(90 + random.nextInt(21)))
                .divide(BigDecimal.valueOf(100), shop.profile().currencyDigits(), RoundingMode.HALF_UP);
        pick[1].put("price", shop.money(changed.max(catalog.price(1))));
        pick[1].put("updated_at", shop.at(at));
        ShopRecord product = shop.products.get(pick[0].path("id").asLong());
        product.touch(shop, at);
        events.changed(shop, "products/update", product.snapshot(), at);
    }

    /** Changes the available quantity of a line's variant at a location (gift cards are not stocked). */
    private void stock(JsonNode line, long locationId, int delta, Instant at) {
        if (line.path("gift_card").asBoolean()) {
            return;
        }
        long variantId = line.path("variant_id").asLong();
        long inventoryItemId = sellable.stream().filter(pv -> pv[1].path("id").asLong() == variantId)
                .findFirst().map(pv -> pv[1].path("inventory_item_id").asLong()).orElse(0L);
        shop.level(inventoryItemId, locationId).ifPresent(level -> {
            level.json.put("available", level.json.path("available").asInt() + delta);
            level.touch(shop, at);
            events.changed(shop, "inventory_levels/update", level.snapshot(), at);
        });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
