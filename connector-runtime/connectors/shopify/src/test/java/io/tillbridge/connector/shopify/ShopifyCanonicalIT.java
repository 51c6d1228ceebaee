package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.mapping.PropertyRuns;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The canonical POS streams translated from the sandbox's orders, for shops in USD (taxes added),
 * JPY (no minor digits, taxes included), GBP (VAT included) and BHD (three digits).
 */
class ShopifyCanonicalIT {

    /** A shop in Bahrain: a currency with three digits, taxes added on top. */
    static final ShopProfile BAHRAIN = new ShopProfile("tillbridge-manama", "Tillbridge Manama", "BHD", 3,
            "Asia/Bahrain", false, "VAT", new BigDecimal("0.10"), "BH", "en-GB", 2);

    private static final List<ShopProfile> SHOPS = List.of(ShopProfile.US, ShopProfile.JAPAN, ShopProfile.UK, BAHRAIN);

    /** Which shop a seed plays, in turn, so that every run covers all four currencies. */
    private record Sandbox(long seed, ShopProfile shop) {
    }

    @Test
    void discovery_lists_exactly_the_fields_of_the_canonical_records_a_read_emits() {
        try (ShopifyReads sandbox = new ShopifyReads(ShopifyReads.options(11, ShopProfile.US, 60), 50); ShopifyConnector connector = sandbox.connector()) {
            io.tillbridge.connector.pos.CanonicalDiscoveryCheck.check(connector.discover(sandbox.config),
                    stream -> sandbox.read(stream, null).committed(), PosStreams.ALL);
        }
    }

    @Test
    void every_completed_canonical_order_balances_to_the_minor_unit_for_every_seed_and_currency() {
        AtomicInteger tries = new AtomicInteger();
        PropertyRuns.forAll(8, random -> new Sandbox(random.nextLong(), SHOPS.get(tries.getAndIncrement() % 4)),
                given -> {
                    // The failure message names the property seed that repeats the run; this names each sandbox.
                    System.out.println("canonical orders of " + given);
                    try (ShopifyReads sandbox = new ShopifyReads(ShopifyReads.options(given.seed(), given.shop(), 90),
                            50)) {
                        checkOrders(sandbox, given.shop());
                    }
                });
    }

    private static void checkOrders(ShopifyReads sandbox, ShopProfile shop) {
        int digits = shop.currencyDigits();
        Map<String, ObjectNode> shopify = new HashMap<>();
        sandbox.shopify.shop().orders().forEach(o -> shopify.put(o.path("id").asText(), o));
        List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();
        assertThat(orders).hasSize(shopify.size());
        int completed = 0;
        for (SourceRecord record : orders) {
            Map<String, Object> data = record.data();
            Map<?, ?> totals = (Map<?, ?>) data.get("totals");
            BigDecimal total = (BigDecimal) totals.get("total");
            BigDecimal tendered = (BigDecimal) totals.get("tendered");
            for (String list : List.of("lines", "tenders", "taxes", "discounts", "service_charges")) {
                for (Object entry : (List<?>) data.get(list)) {
                    ((Map<?, ?>) entry).forEach((field, value) -> {
                        if (value instanceof BigDecimal amount && !"quantity".equals(field) && !"rate".equals(field)) {
                            assertThat(amount.scale()).as("digits of %s %s.%s", record.key(), list, field)
                                    .isEqualTo(digits);
                        }
                    });
                }
            }
            // The identity itself, from the record's own lists, in minor units.
            long identity = sum(data.get("lines"), "gross", digits) + sum(data.get("service_charges"), "amount", digits)
                    + minor((BigDecimal) data.get("tips"), digits) - sum(data.get("discounts"), "amount", digits)
                    + sum(data.get("taxes"), "amount", digits) + minor((BigDecimal) data.get("rounding"), digits);
            assertThat(identity).as("lines + charges + tips - discounts + taxes of %s", record.key())
                    .isEqualTo(minor(total, digits));
            JsonNode original = shopify.get(record.key());
            BigDecimal expected = new BigDecimal(original.path("total_price").asText());
            assertThat(total).as("total of %s", record.key()).isEqualByComparingTo(expected);
            switch ((String) data.get("state")) {
                case "completed" -> {
                    completed++;
                    assertThat(minor(tendered, digits)).as("balance of %s in minor units", record.key())
                            .isEqualTo(minor(total, digits));
                }
                case "voided" -> assertThat((List<?>) data.get("tenders")).isEmpty();
                default -> assertThat(tendered).isLessThanOrEqualTo(total);
            }
        }
        assertThat(completed).as("completed orders").isPositive();
        for (SourceRecord refund : sandbox.read(PosStreams.REFUNDS, null).committed()) {
            JsonNode source = shopify.get((String) refund.data().get("order_id"));
            assertThat(source).as("the order refund %s names", refund.key()).isNotNull();
            List<String> lineIds = new java.util.ArrayList<>();
            source.path("line_items").forEach(l -> lineIds.add(l.path("id").asText()));
            for (Object line : (List<?>) refund.data().get("lines")) {
                assertThat(lineIds).contains((String) ((Map<?, ?>) line).get("original_line_id"));
            }
            BigDecimal back = BigDecimal.ZERO;
            for (Object tender : (List<?>) refund.data().get("tenders")) {
                back = back.add((BigDecimal) ((Map<?, ?>) tender).get("amount"));
            }
            assertThat((BigDecimal) refund.data().get("amount")).isEqualByComparingTo(back).isPositive();
        }
    }

    @Test
    void orders_paid_with_a_gift_card_and_a_card_have_one_tender_per_transaction() {
        try (ShopifyReads sandbox = new ShopifyReads(ShopifyReads.options(21, ShopProfile.US, 150), 50)) {
            List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();
            List<SourceRecord> split = orders.stream().filter(o -> ((List<?>) o.data().get("tenders")).size() > 1)
                    .toList();
            assertThat(split).as("orders split over gateways").isNotEmpty();
            for (SourceRecord order : split) {
                List<?> tenders = (List<?>) order.data().get("tenders");
                List<String> kinds = tenders.stream().map(t -> (String) ((Map<?, ?>) t).get("kind")).toList();
                assertThat(kinds).contains("gift_card", "card");
                assertThat(tenders).allSatisfy(t -> assertThat(((Map<?, ?>) t).get("payment_id")).isNotNull());
            }
            List<SourceRecord> payments = sandbox.read(PosStreams.PAYMENTS, null).committed();
            assertThat(payments).isNotEmpty();
            assertThat(ShopifyReads.keys(payments)).doesNotHaveDuplicates();
        }
    }

    @Test
    void product_lines_and_lines_refunded_carry_their_products_type_read_once_per_read() {
        try (ShopifyReads sandbox = new ShopifyReads(ShopifyReads.options(12, ShopProfile.US, 150), 50)) {
            Map<String, String> types = new HashMap<>();
            sandbox.shopify.shop().products().forEach(p -> types.put(p.path("id").asText(),
                    p.path("product_type").asText()));
            long productPages = (types.size() + 49) / 50;
            long before = sandbox.shopify.requests("GET", "products");
            List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();
            long productReads = sandbox.shopify.requests("GET", "products") - before;

            assertThat(orders).hasSizeGreaterThan(100);
            assertThat(productReads).as("products read for %s orders", orders.size()).isEqualTo(productPages);
            Map<String, Object> categoryOfLine = new HashMap<>();
            int categorized = 0;
            for (SourceRecord order : orders) {
                for (Object l : (List<?>) order.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    Object expected = "item".equals(line.get("kind")) ? types.get((String) line.get("item_id")) : null;
                    assertThat(line.get("category")).as("category of %s line %s", order.key(), line.get("id"))
                            .isEqualTo(expected);
                    categoryOfLine.put((String) line.get("id"), line.get("category"));
                    categorized += expected == null ? 0 : 1;
                }
            }
            assertThat(categorized).isPositive();
            int refunded = 0;
            for (SourceRecord refund : sandbox.read(PosStreams.REFUNDS, null).committed()) {
                for (Object l : (List<?>) refund.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    assertThat(line.get("category")).as("category of a line refunded by %s", refund.key())
                            .isEqualTo(categoryOfLine.get((String) line.get("original_line_id")));
                    refunded += line.get("category") == null ? 0 : 1;
                }
            }
            assertThat(refunded).as("refunded lines with a category").isPositive();
        }
    }

    @Test
    void orders_refunds_and_payments_end_their_business_day_at_the_next_close_out_in_the_shops_zone() {
        try (ShopifyReads sandbox = new ShopifyReads(ShopifyReads.options(4, ShopProfile.US, 150), 50)) {
            java.time.ZoneId zone = java.time.ZoneId.of("America/New_York");
            int checked = 0;
            for (String stream : List.of(PosStreams.ORDERS, PosStreams.REFUNDS, PosStreams.PAYMENTS)) {
                for (SourceRecord r : sandbox.read(sandbox.config.withCloseOut("04:00"), stream, null).committed()) {
                    LocalDate day = LocalDate.parse((String) r.data().get("business_day"));
                    assertThat(r.data().get("business_day_ends_at")).as("%s %s", stream, r.key())
                            .isEqualTo(day.plusDays(1).atTime(4, 0).atZone(zone).toInstant().toString());
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(150);
        }
    }

    @Test
    void the_business_day_is_the_shops_local_day_before_the_close_out() {
        try (ShopifyReads sandbox = new ShopifyReads(ShopifyReads.options(4, ShopProfile.US, 150), 50)) {
            Map<String, String> created = new HashMap<>();
            sandbox.shopify.shop().orders().forEach(o -> created.put(o.path("id").asText(),
                    o.path("created_at").asText()));
            CollectingSink sink = sandbox.read(sandbox.config.withCloseOut("04:00"), PosStreams.ORDERS, null);
            int otherThanUtc = 0;
            for (SourceRecord order : sink.committed()) {
                LocalDateTime local = OffsetDateTime.parse(created.get(order.key())).atZoneSameInstant(
                        java.time.ZoneId.of("America/New_York")).toLocalDateTime();
                LocalDate expected = local.toLocalTime().isBefore(LocalTime.of(4, 0)) ? local.toLocalDate().minusDays(1)
                        : local.toLocalDate();
                assertThat(order.data().get("business_day")).as("business day of %s", order.key())
                        .isEqualTo(expected.toString());
                Instant at = Instant.parse((String) order.data().get("created_at"));
                otherThanUtc += expected.equals(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)) ? 0 : 1;
            }
            assertThat(otherThanUtc).as("evening orders in New York are the next day in UTC").isPositive();
        }
    }

    private static long sum(Object list, String field, int digits) {
        long sum = 0;
        for (Object entry : (List<?>) list) {
            sum += minor((BigDecimal) ((Map<?, ?>) entry).get(field), digits);
        }
        return sum;
    }

    private static long minor(BigDecimal amount, int digits) {
        return amount.movePointRight(digits).longValueExact();
    }
}
