package io.tillbridge.connector.clover.sandbox;

import static io.tillbridge.connector.clover.sandbox.CloverJson.ref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * One merchant's sales, rung up during opening hours (07:00 to 22:00 local): orders with line items
 * (some sold by weight, some variants), modifications, line and order discounts, service charges,
 * taxes, tips, card, cash, gift card and split payments, partial and full refunds, exchanges, voided
 * orders, open orders paid later, and offline orders that reach the API up to 72 hours after they
 * were rung up. What happens after a sale (a refund, a
 * late arrival, paying an open order) is scheduled and happens when the clock passes its time, so the
 * same seed and the same advances give the same data.
 */
final class SalesGenerator {

    private record Scheduled(Instant at, long sequence, Runnable action) {
    }

    private final MerchantData m;
    private final Random random;
    private final CloverIds ids;
    private final CatalogSeed catalog;
    private final List<ObjectNode> employees;
    private final List<ObjectNode> devices;
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>(
            Comparator.comparing(Scheduled::at).thenComparingLong(Scheduled::sequence));
    private long sequence;

    SalesGenerator(MerchantData m, Random random, CloverIds ids, CatalogSeed catalog) {
        this.m = m;
        this.random = random;
        this.ids = ids;
        this.catalog = catalog;
        this.employees = new ArrayList<>(m.employees.values());
        this.devices = new ArrayList<>(m.devices.values());
    }

    /** {@code count} sales rung up between {@code from} and {@code to}, and what follows them until {@code to}. */
    void sales(int count, Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(openingHours(from, span));
        }
        times.sort(Comparator.naturalOrder());
        for (Instant at : times) {
            runUntil(at);
            sale(at, false);
        }
        runUntil(to);
    }

    /**
     * A time between {@code from} and {@code from + span} within opening hours (07:00 to 22:00 in the
     * merchant's time zone) when a few tries find one; a span that is all night gets a night sale.
     */
    private Instant openingHours(Instant from, long span) {
        Instant at = from;
        for (int attempt = 0; attempt < 8; attempt++) {
            at = from.plusMillis(Math.floorMod(random.nextLong(), span));
            int hour = at.atZone(m.zone).getHour();
            if (hour >= 7 && hour < 22) {
                return at;
            }
        }
        return at;
    }

    /** The seed's special cases: a catering order with 120 line items, and an offline order still on its way. */
    void specials(Instant now) {
        runUntil(now);
        Instant at = now.minus(Duration.ofDays(2));
        ObjectNode order = newOrder(at, at);
        ArrayNode lines = CloverJson.elementsOf(order, "lineItems");
        for (int i = 0; i < 120; i++) {
            lines.add(line(order, catalog.sellable.get(i % catalog.sellable.size()), at));
        }
        order.put("title", "Catering");
        publish(order, at);
        pay(order, at.plusSeconds(60), false);
        Instant rungUp = now.minus(Duration.ofHours(1));
        ObjectNode late = build(rungUp);
        Instant arrives = now.plus(Duration.ofMinutes(30 + random.nextInt(150)));
        schedule(arrives, () -> arrive(late, rungUp, arrives));
    }

    /** New sales between {@code from} and {@code to}, about {@code perHour} an hour, and what falls due. */
    void activity(Instant from, Instant to, int perHour) {
        double hours = Duration.between(from, to).toMillis() / 3_600_000.0;
        int count = (int) Math.round(hours * perHour);
        if (count == 0 && perHour > 0 && random.nextDouble() < hours * perHour) {
            count = 1;
        }
        sales(count, from.plusMillis(1), to);
        catalogChanges(from, to);
    }

    /** Per hour of the advance: now and then a new customer, and now and then an item's new price. */
    private void catalogChanges(Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        for (long hour = 0; hour * 3_600_000L < span; hour++) {
            Instant at = from.plusMillis(Math.min(span, hour * 3_600_000L + random.nextInt(3_600_000)));
            if (random.nextInt(6) == 0) {
                ObjectNode customer = catalog.customer(at);
                m.changed("C", customer.path("id").asText(), "CREATE", at);
            }
            if (random.nextInt(8) == 0) {
                ObjectNode item = catalog.sellable.get(random.nextInt(catalog.sellable.size()));
                item.put("price", item.path("price").asLong() + (m.profile.digits() == 0 ? 10 : 25));
                item.put("modifiedTime", at.toEpochMilli());
                m.changed("I", item.path("id").asText(), "UPDATE", at);
            }
        }
    }

    private void runUntil(Instant at) {
        while (!scheduled.isEmpty() && !scheduled.peek().at().isAfter(at)) {
            scheduled.poll().action().run();
        }
    }

    private void schedule(Instant at, Runnable action) {
        scheduled.add(new Scheduled(at, sequence++, action));
    }

    private void sale(Instant rungUp, boolean exchange) {
        int roll = random.nextInt(100);
        if (!exchange && roll < 5) {
            ObjectNode order = build(rungUp);
            Instant arrives = rungUp.plus(Duration.ofMinutes(10 + random.nextInt(72 * 60 - 10)));
            schedule(arrives, () -> arrive(order, rungUp, arrives));
            return;
        }
        ObjectNode order = build(rungUp);
        order.put("createdTime", rungUp.toEpochMilli());
        publish(order, rungUp);
        if (roll < 9) {
            void_(order, rungUp.plusSeconds(30 + random.nextInt(600)));
        } else if (roll < 14) {
            Instant paid = rungUp.plus(Duration.ofMinutes(20 + random.nextInt(160)));
            schedule(paid, () -> pay(order, paid, false));
        } else {
            pay(order, rungUp.plusSeconds(20 + random.nextInt(200)), false);
            after(order, rungUp);
        }
    }

    /** Refunds and exchanges that may follow a paid order, within a week. */
    private void after(ObjectNode order, Instant rungUp) {
        int roll = random.nextInt(100);
        Instant when = rungUp.plus(Duration.ofMinutes(30 + random.nextInt(7 * 24 * 60)));
        if (roll < 3) {
            schedule(when, () -> fullRefund(order, when));
        } else if (roll < 8) {
            schedule(when, () -> partialRefund(order, when));
        } else if (roll < 10) {
            schedule(when, () -> exchange(order, when));
        }
    }

    private ObjectNode build(Instant rungUp) {
        ObjectNode order = newOrder(rungUp, rungUp);
        ArrayNode lines = CloverJson.elementsOf(order, "lineItems");
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            ObjectNode item = catalog.sellable.get(random.nextInt(catalog.sellable.size()));
            int copies = "PER_UNIT".equals(item.path("priceType").asText()) || random.nextInt(4) > 0 ? 1 : 2;
            for (int c = 0; c < copies; c++) {
                lines.add(line(order, item, rungUp));
            }
        }
        if (random.nextInt(20) == 0) {
            lines.add(line(order, catalog.giftCard, rungUp));
        }
        List<ObjectNode> discounts = new ArrayList<>(m.discounts.values());
        if (random.nextInt(12) == 0) {
            CloverJson.elementsOf(order, "discounts").add(discount(discounts.get(random.nextInt(2)), order, null));
        }
        if (random.nextInt(10) == 0) {
            ObjectNode charge = ref(ids.next());
            charge.put("name", "Service charge");
            charge.put("enabled", true);
            charge.put("percentageDecimal", 180_000);
            order.set("serviceCharge", charge);
        }
        if (random.nextInt(40) == 0) {
            order.put("taxRemoved", true);
            order.put("note", "Tax exempt");
        }
        if (!m.customers.isEmpty() && random.nextInt(3) == 0) {
            List<String> customerIds = new ArrayList<>(m.customers.keySet());
            String customer = customerIds.get(random.nextInt(customerIds.size()));
            CloverJson.elementsOf(order, "customers").add(ref(customer));
        }
        return order;
    }

    private ObjectNode newOrder(Instant created, Instant rungUp) {
        ObjectNode order = ref(ids.next());
        order.put("currency", m.profile.currency());
        order.set("employee", ref(employees.get(random.nextInt(employees.size())).path("id").asText()));
        order.put("total", 0);
        order.put("paymentState", "OPEN");
        order.put("state", "open");
        order.put("title", "");
        order.put("note", "");
        order.put("taxRemoved", false);
        order.put("isVat", m.profile.vat());
        order.put("manualTransaction", false);
        order.put("groupLineItems", false);
        order.put("testMode", false);
        order.put("payType", "FULL");
        order.put("createdTime", created.toEpochMilli());
        order.put("clientCreatedTime", rungUp.toEpochMilli());
        order.put("modifiedTime", created.toEpochMilli());
        order.set("device", ref(devices.get(random.nextInt(devices.size())).path("id").asText()));
        order.set("customers", CloverJson.elements(CloverJson.array()));
        order.set("lineItems", CloverJson.elements(CloverJson.array()));
        order.set("discounts", CloverJson.elements(CloverJson.array()));
        order.set("credits", CloverJson.elements(CloverJson.array()));
        return order;
    }

    private ObjectNode line(ObjectNode order, ObjectNode item, Instant rungUp) {
        ObjectNode line = ref(ids.next());
        line.set("orderRef", ref(order.path("id").asText()));
        line.set("item", ref(item.path("id").asText()));
        line.put("name", item.path("name").asText());
        line.put("alternateName", "");
        line.put("price", item.path("price").asLong());
        if ("PER_UNIT".equals(item.path("priceType").asText())) {
            line.put("unitQty", 250 + random.nextInt(1500));
            line.put("unitName", item.path("unitName").asText());
        }
        line.put("itemCode", item.path("code").asText());
        line.put("sku", item.path("sku").asText());
        line.put("printed", false);
        line.put("createdTime", rungUp.toEpochMilli());
        line.put("orderClientCreatedTime", rungUp.toEpochMilli());
        line.put("exchanged", false);
        line.put("refunded", false);
        line.put("isRevenue", item.path("isRevenue").asBoolean(true));
        ArrayNode mods = CloverJson.array();
        for (JsonNode groupRef : CloverJson.elementsOf(item, "modifierGroups")) {
            if (random.nextInt(3) == 0) {
                ArrayNode modifiers = CloverJson.elementsOf(m.modifierGroups.get(groupRef.path("id").asText()),
                        "modifiers");
                JsonNode modifier = modifiers.get(random.nextInt(modifiers.size()));
                ObjectNode mod = ref(ids.next());
                mod.put("name", modifier.path("name").asText());
                mod.put("amount", modifier.path("price").asLong());
                mod.set("modifier", ref(modifier.path("id").asText()));
                mods.add(mod);
            }
        }
        line.set("modifications", CloverJson.elements(mods));
        ArrayNode discounts = CloverJson.array();
        if (item.path("isRevenue").asBoolean(true) && random.nextInt(15) == 0) {
            List<ObjectNode> all = new ArrayList<>(m.discounts.values());
            discounts.add(discount(all.get(random.nextInt(all.size())), null, line));
        }
        line.set("discounts", CloverJson.elements(discounts));
        ArrayNode rates = CloverJson.array();
        CloverJson.elementsOf(item, "taxRates").forEach(r -> rates.add(r.deepCopy()));
        line.set("taxRates", CloverJson.elements(rates));
        return line;
    }

    private ObjectNode discount(ObjectNode template, ObjectNode order, ObjectNode line) {
        ObjectNode d = ref(ids.next());
        d.put("name", template.path("name").asText());
        if (template.has("percentage")) {
            d.put("percentage", template.path("percentage").asLong());
        } else {
            d.put("amount", template.path("amount").asLong());
        }
        d.set("discount", ref(template.path("id").asText()));
        if (order != null) {
            d.set("orderRef", ref(order.path("id").asText()));
        }
        return d;
    }

    /** The offline order reaches the API: created now, rung up (and paid) when it happened. */
    private void arrive(ObjectNode order, Instant rungUp, Instant arrives) {
        order.put("createdTime", arrives.toEpochMilli());
        order.put("modifiedTime", arrives.toEpochMilli());
        order.put("clientCreatedTime", rungUp.toEpochMilli());
        publish(order, arrives);
        pay(order, arrives, true);
        m.paymentsOf(order.path("id").asText())
                .forEach(p -> p.put("clientCreatedTime", rungUp.plusSeconds(45).toEpochMilli()));
        after(order, rungUp);
    }

    private void publish(ObjectNode order, Instant at) {
        OrderPricing.price(order);
        m.orders.put(order.path("id").asText(), order);
        m.changed("O", order.path("id").asText(), "CREATE", at);
        for (JsonNode line : CloverJson.elementsOf(order, "lineItems")) {
            ObjectNode stock = m.itemStocks.get(line.path("item").path("id").asText());
            if (stock != null) {
                double sold = line.has("unitQty") ? line.path("unitQty").asLong() / 1000.0 : 1;
                stock.put("quantity", Math.round((stock.path("quantity").asDouble() - sold) * 1000) / 1000.0);
                stock.put("modifiedTime", at.toEpochMilli());
                m.changed("IC", line.path("item").path("id").asText(), "UPDATE", at);
            }
        }
    }

    private void void_(ObjectNode order, Instant at) {
        order.put("state", "voided");
        touch(order, at);
    }

    /** Pays the whole order: one card, cash or gift card payment, or card and cash split. */
    private void pay(ObjectNode order, Instant at, boolean offline) {
        OrderPricing.Totals totals = OrderPricing.price(order);
        long total = totals.total();
        int roll = random.nextInt(100);
        if (roll < 12 && total > 1) {
            long cash = total / 2;
            long cashTax = totals.tax() / 2;
            order.put("payType", "SPLIT_CUSTOM");
            payment(order, CatalogSeed.CASH, cash, cashTax, at, offline);
            payment(order, CatalogSeed.CARD, total - cash, totals.tax() - cashTax, at.plusSeconds(40), offline);
        } else if (roll < 30) {
            payment(order, CatalogSeed.CASH, total, totals.tax(), at, offline);
        } else if (roll < 35) {
            payment(order, CatalogSeed.GIFT_CARD, total, totals.tax(), at, offline);
        } else {
            payment(order, CatalogSeed.CARD, total, totals.tax(), at, offline);
        }
        order.put("state", "locked");
        order.put("paymentState", "PAID");
        touch(order, at);
    }

    private void payment(ObjectNode order, String labelKey, long amount, long tax, Instant at, boolean offline) {
        ObjectNode tender = m.tenders.values().stream()
                .filter(t -> t.path("labelKey").asText().equals(labelKey)).findFirst().orElseThrow();
        ObjectNode p = ref(ids.next());
        p.set("order", ref(order.path("id").asText()));
        p.set("device", order.path("device").deepCopy());
        p.set("employee", order.path("employee").deepCopy());
        ObjectNode t = ref(tender.path("id").asText());
        t.put("labelKey", labelKey);
        t.put("label", tender.path("label").asText());
        p.set("tender", t);
        p.put("amount", amount);
        long tip = CatalogSeed.CARD.equals(labelKey) && !m.profile.vat() && random.nextBoolean()
                ? OrderPricing.round(amount * (10 + random.nextInt(11)), 100) : 0;
        p.put("tipAmount", tip);
        p.put("taxAmount", tax);
        p.put("cashbackAmount", 0);
        if (CatalogSeed.CASH.equals(labelKey)) {
            long note = m.profile.digits() == 0 ? 1000 : 500;
            p.put("cashTendered", (amount + note - 1) / note * note);
        }
        if (CatalogSeed.CARD.equals(labelKey)) {
            ObjectNode card = p.putObject("cardTransaction");
            card.put("cardType", List.of("VISA", "MC", "AMEX", "DISCOVER").get(random.nextInt(4)));
            card.put("last4", String.format("%04d", random.nextInt(10_000)));
            card.put("type", "AUTH");
            card.put("entryType", offline ? "SWIPED" : "EMV_CONTACT");
            card.put("state", "CLOSED");
            card.put("authCode", String.format("%06d", random.nextInt(1_000_000)));
        }
        p.put("result", "SUCCESS");
        p.put("offline", offline);
        p.put("createdTime", at.toEpochMilli());
        p.put("clientCreatedTime", at.toEpochMilli());
        p.put("modifiedTime", at.toEpochMilli());
        m.addPayment(p);
        m.changed("P", p.path("id").asText(), "CREATE", at);
    }

    private void fullRefund(ObjectNode order, Instant at) {
        if (!"PAID".equals(order.path("paymentState").asText())) {
            return;
        }
        ArrayNode lineRefs = CloverJson.array();
        for (JsonNode line : CloverJson.elementsOf(order, "lineItems")) {
            ((ObjectNode) line).put("refunded", true);
            lineRefs.add(ref(line.path("id").asText()));
        }
        for (ObjectNode p : m.paymentsOf(order.path("id").asText())) {
            refund(order, p, p.path("amount").asLong(), p.path("taxAmount").asLong(), p.path("tipAmount").asLong(),
                    true, lineRefs.deepCopy(), at);
        }
        order.put("paymentState", "REFUNDED");
        touch(order, at);
    }

    /** Refunds one line (its amount after discounts, with its tax); false when no line fits a payment. */
    private boolean partialRefund(ObjectNode order, Instant at) {
        if (!"PAID".equals(order.path("paymentState").asText())) {
            return false;
        }
        OrderPricing.Totals totals = OrderPricing.of(order);
        for (JsonNode line : CloverJson.elementsOf(order, "lineItems")) {
            OrderPricing.Line share = totals.line(line.path("id").asText());
            long amount = share.net() + (order.path("isVat").asBoolean() ? 0 : share.tax());
            if (amount <= 0 || line.path("refunded").asBoolean()) {
                continue;
            }
            for (ObjectNode p : m.paymentsOf(order.path("id").asText())) {
                if (p.path("amount").asLong() >= amount) {
                    ObjectNode refund = refund(order, p, amount, share.tax(), 0, false,
                            CloverJson.array().add(ref(line.path("id").asText())), at);
                    ((ObjectNode) line).put("refunded", true);
                    ((ObjectNode) line).set("refund", ref(refund.path("id").asText()));
                    order.put("paymentState", "PARTIALLY_REFUNDED");
                    touch(order, at);
                    return true;
                }
            }
        }
        return false;
    }

    /** A line comes back and is exchanged: its refund, and a new order that names the returned line. */
    private void exchange(ObjectNode order, Instant at) {
        ArrayNode lines = CloverJson.elementsOf(order, "lineItems");
        if (!partialRefund(order, at)) {
            return;
        }
        ObjectNode returned = null;
        for (JsonNode line : lines) {
            if (line.path("refunded").asBoolean() && !line.path("exchanged").asBoolean()) {
                returned = (ObjectNode) line;
            }
        }
        returned.put("exchanged", true);
        ObjectNode replacement = newOrder(at, at);
        replacement.set("customers", order.path("customers").deepCopy());
        replacement.put("note", "Exchange for order " + order.path("id").asText());
        ObjectNode item = catalog.sellable.get(random.nextInt(catalog.sellable.size()));
        ObjectNode line = line(replacement, item, at);
        line.set("exchangedLineItem", ref(returned.path("id").asText()));
        CloverJson.elementsOf(replacement, "lineItems").add(line);
        publish(replacement, at);
        pay(replacement, at.plusSeconds(30), false);
    }

    private ObjectNode refund(ObjectNode order, ObjectNode payment, long amount, long tax, long tip, boolean full,
                              ArrayNode lineRefs, Instant at) {
        ObjectNode r = ref(ids.next());
        r.set("orderRef", ref(order.path("id").asText()));
        r.set("payment", ref(payment.path("id").asText()));
        r.set("device", order.path("device").deepCopy());
        r.set("employee", order.path("employee").deepCopy());
        r.put("amount", amount);
        r.put("taxAmount", tax);
        r.put("tipAmount", tip);
        r.put("fullRefund", full);
        r.put("status", "SUCCESS");
        r.put("voided", false);
        r.put("createdTime", at.toEpochMilli());
        r.put("clientCreatedTime", at.toEpochMilli());
        r.put("modifiedTime", at.toEpochMilli());
        r.set("lineItems", CloverJson.elements(lineRefs));
        m.addRefund(r);
        payment.put("modifiedTime", at.toEpochMilli());
        m.changed("P", payment.path("id").asText(), "UPDATE", at);
        return r;
    }

    private void touch(ObjectNode order, Instant at) {
        order.put("modifiedTime", at.toEpochMilli());
        m.changed("O", order.path("id").asText(), "UPDATE", at);
    }
}
