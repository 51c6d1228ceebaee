package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.mapping.PropertyRuns;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The canonical POS streams translated from the sandbox's orders, for merchants in USD (one and two
 * tax rates), GBP (prices include VAT), JPY (no minor units, consumption tax included) and BHD (three
 * digits).
 */
class CloverCanonicalIT {

    private static final List<CloverMerchant> MERCHANTS = List.of(CloverMerchant.US_NEW_YORK, CloverMerchant.GB_LONDON,
            CloverMerchant.JP_TOKYO, CloverMerchant.US_CHICAGO, new CloverMerchant("Seef Coffee House", "BH", "BHD",
                    "Asia/Bahrain", "en-US", "Manama", false, List.of(new CloverMerchant.TaxRate("VAT", 1_000_000))));

    /** Which merchant a seed plays, in turn, so that every run covers each. */
    private record Sandbox(long seed, CloverMerchant merchant) {
    }

    @Test
    void discovery_lists_exactly_the_fields_of_the_canonical_records_a_read_emits() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(11, CloverMerchant.US_NEW_YORK, 60), 100); CloverConnector connector = sandbox.connector()) {
            io.tillbridge.connector.pos.CanonicalDiscoveryCheck.check(connector.discover(sandbox.config),
                    stream -> sandbox.read(stream, null).committed(), PosStreams.ALL);
        }
    }

    @Test
    void every_canonical_order_balances_to_the_minor_unit_for_every_seed_and_currency() {
        AtomicInteger tries = new AtomicInteger();
        PropertyRuns.forAll(10, random -> new Sandbox(random.nextLong(),
                MERCHANTS.get(tries.getAndIncrement() % MERCHANTS.size())), given -> {
                    // The failure message names the property seed that repeats the run; this names each sandbox.
                    System.out.println("canonical orders of " + given);
                    try (CloverReads sandbox = new CloverReads(CloverReads.options(given.seed(), given.merchant(), 150),
                            200)) {
                        checkOrders(sandbox, given.merchant());
                    }
                });
    }

    private static void checkOrders(CloverReads sandbox, CloverMerchant merchant) {
        int digits = Currency.getInstance(merchant.currency()).getDefaultFractionDigits();
        Map<String, JsonNode> clover = new HashMap<>();
        sandbox.orders().forEach(o -> clover.put(o.path("id").asText(), o));
        Map<String, Long> taxPaid = new HashMap<>();
        sandbox.clover.data().payments(sandbox.merchantId).forEach(p -> taxPaid.merge(p.path("order").path("id").asText(),
                p.path("taxAmount").asLong(), Long::sum));
        List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();
        assertThat(orders).hasSize(clover.size());
        int completed = 0;
        for (SourceRecord record : orders) {
            Map<String, Object> data = record.data();
            JsonNode original = clover.get(record.key());
            Map<?, ?> totals = (Map<?, ?>) data.get("totals");
            BigDecimal total = (BigDecimal) totals.get("total");
            BigDecimal tendered = (BigDecimal) totals.get("tendered");
            for (String list : List.of("lines", "tenders", "taxes", "discounts")) {
                for (Object entry : (List<?>) data.get(list)) {
                    ((Map<?, ?>) entry).forEach((field, value) -> {
                        if (value instanceof BigDecimal amount && !"quantity".equals(field) && !"rate".equals(field)) {
                            assertThat(amount.scale()).as("digits of %s %s.%s", record.key(), list, field)
                                    .isEqualTo(digits);
                        }
                    });
                }
            }
            assertThat((BigDecimal) data.get("rounding")).as("rounding of %s: the arithmetic is Clover's", record.key())
                    .isZero();
            BigDecimal tips = (BigDecimal) data.get("tips");
            assertThat(total).as("total of %s", record.key())
                    .isEqualByComparingTo(BigDecimal.valueOf(original.path("total").asLong(), digits).add(tips));
            switch ((String) data.get("state")) {
                case "completed" -> {
                    completed++;
                    assertThat(tendered).as("balance of %s", record.key()).isEqualByComparingTo(total);
                    BigDecimal taxes = ((List<?>) data.get("taxes")).stream()
                            .map(t -> (BigDecimal) ((Map<?, ?>) t).get("amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(taxes).as("taxes of %s", record.key())
                            .isEqualByComparingTo(BigDecimal.valueOf(taxPaid.getOrDefault(record.key(), 0L), digits));
                    BigDecimal lineTaxes = ((List<?>) data.get("lines")).stream()
                            .map(l -> (BigDecimal) ((Map<?, ?>) l).get("tax")).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(lineTaxes).isEqualByComparingTo(taxes);
                }
                case "voided" -> assertThat((List<?>) data.get("tenders")).isEmpty();
                default -> assertThat(tendered).isLessThanOrEqualTo(total);
            }
        }
        assertThat(completed).as("completed orders").isGreaterThan(orders.size() / 2);
    }

    @Test
    void item_lines_and_the_lines_refunded_carry_their_items_first_category_read_once_per_read() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(17, CloverMerchant.US_NEW_YORK, 200), 50)) {
            Map<String, String> categoryOfItem = new java.util.HashMap<>();
            for (JsonNode item : sandbox.clover.data().items(sandbox.merchantId)) {
                JsonNode first = item.path("categories").path("elements").path(0);
                categoryOfItem.put(item.path("id").asText(), first.isMissingNode() ? null : first.path("name").asText());
            }
            // Offset paging to an empty page: the full pages, a partial one, the empty one.
            long itemPages = categoryOfItem.size() / 50 + (categoryOfItem.size() % 50 == 0 ? 0 : 1) + 1;
            long before = sandbox.clover.requests("GET", "/items");
            List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();
            long itemReads = sandbox.clover.requests("GET", "/items") - before;

            assertThat(orders).hasSizeGreaterThan(100);
            assertThat(itemReads).as("item pages read for %s orders", orders.size()).isEqualTo(itemPages);
            Map<String, Object> categoryOfLine = new java.util.HashMap<>();
            java.util.Set<Object> seen = new java.util.HashSet<>();
            for (SourceRecord order : orders) {
                for (Object l : (List<?>) order.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    Object expected = "item".equals(line.get("kind")) ? categoryOfItem.get((String) line.get("item_id"))
                            : null;
                    assertThat(line.get("category")).as("category of %s line %s", order.key(), line.get("id"))
                            .isEqualTo(expected);
                    categoryOfLine.put((String) line.get("id"), line.get("category"));
                    seen.add(line.get("category"));
                }
            }
            assertThat(seen).as("categories sold").hasSizeGreaterThanOrEqualTo(3);
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
    void orders_refunds_and_payments_end_their_business_day_at_the_next_close_out_in_the_merchants_zone() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(31, CloverMerchant.US_LOS_ANGELES, 200), 200)) {
            ZoneId zone = ZoneId.of(CloverMerchant.US_LOS_ANGELES.timeZone());
            int checked = 0;
            for (String stream : List.of(PosStreams.ORDERS, PosStreams.REFUNDS, PosStreams.PAYMENTS)) {
                for (SourceRecord r : sandbox.read(sandbox.config.withBusinessDay("04:00", ""), stream, null)
                        .committed()) {
                    LocalDate day = LocalDate.parse((String) r.data().get("business_day"));
                    assertThat(r.data().get("business_day_ends_at")).as("%s %s", stream, r.key())
                            .isEqualTo(day.plusDays(1).atTime(4, 0).atZone(zone).toInstant().toString());
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(200);
        }
    }

    @Test
    void the_business_day_is_the_merchants_local_day_before_the_close_out() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(31, CloverMerchant.US_LOS_ANGELES, 200), 200)) {
            ZoneId zone = ZoneId.of(CloverMerchant.US_LOS_ANGELES.timeZone());
            List<SourceRecord> orders = sandbox.read(sandbox.config.withBusinessDay("04:00", ""), PosStreams.ORDERS, null)
                    .committed();
            int otherThanUtc = 0;
            for (SourceRecord order : orders) {
                Instant created = Instant.parse((String) order.data().get("created_at"));
                LocalDateTime local = LocalDateTime.ofInstant(created, zone);
                LocalDate expected = local.toLocalTime().isBefore(LocalTime.of(4, 0)) ? local.toLocalDate().minusDays(1)
                        : local.toLocalDate();
                assertThat(order.data().get("business_day")).isEqualTo(expected.toString());
                otherThanUtc += expected.equals(LocalDate.ofInstant(created, ZoneOffset.UTC)) ? 0 : 1;
            }
            assertThat(otherThanUtc).as("evening orders in Los Angeles are the next day in UTC").isPositive();
            List<SourceRecord> locations = sandbox.read(PosStreams.LOCATIONS, null).committed();
            assertThat(locations).singleElement().satisfies(l -> {
                assertThat(l.key()).isEqualTo(sandbox.merchantId);
                assertThat(l.data()).containsEntry("time_zone", zone.getId()).containsEntry("close_out", "00:00")
                        .containsEntry("currency", "USD");
            });
        }
    }
}
