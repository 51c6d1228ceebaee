package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.mapping.PropertyRuns;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import java.math.BigDecimal;
import java.math.RoundingMode;
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

/** The canonical POS streams translated from the sandbox's orders, for the USD, GBP and JPY merchants. */
class SquareCanonicalTest {

    private static final List<SquareMerchant> MERCHANTS = List.of(SquareMerchant.US, SquareMerchant.GB,
            SquareMerchant.JP);

    /** Which merchant a seed plays, in turn, so that every run covers all three. */
    private record Sandbox(long seed, SquareMerchant merchant) {
    }

    @Test
    void every_completed_canonical_order_balances_to_the_minor_unit_for_every_seed_and_currency() {
        AtomicInteger tries = new AtomicInteger();
        PropertyRuns.forAll(6, random -> new Sandbox(random.nextLong(), MERCHANTS.get(tries.getAndIncrement() % 3)),
                given -> {
                    // The failure message names the property seed that repeats the run; this names each sandbox.
                    System.out.println("canonical orders of " + given);
                    SandboxReads sandbox = new SandboxReads(SandboxReads.options(given.seed(), given.merchant(), 90), 100);
                    try {
                        checkOrders(sandbox, given.merchant());
                    } finally {
                        sandbox.square.close();
                    }
                });
    }

    private static void checkOrders(SandboxReads sandbox, SquareMerchant merchant) {
        int digits = Currency.getInstance(merchant.currency()).getDefaultFractionDigits();
        Map<String, JsonNode> square = new HashMap<>();
        sandbox.square.data().orders().forEach(o -> square.put(o.path("id").asText(), o));
        List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();
        assertThat(orders).hasSize(square.size());
        for (SourceRecord record : orders) {
            Map<String, Object> data = record.data();
            Map<?, ?> totals = (Map<?, ?>) data.get("totals");
            BigDecimal total = (BigDecimal) totals.get("total");
            BigDecimal tendered = (BigDecimal) totals.get("tendered");
            for (String list : List.of("lines", "tenders")) {
                for (Object entry : (List<?>) data.get(list)) {
                    ((Map<?, ?>) entry).forEach((field, value) -> {
                        if (value instanceof BigDecimal amount && !"quantity".equals(field)) {
                            assertThat(amount.scale()).as("digits of %s %s.%s", record.key(), list, field)
                                    .isEqualTo(digits);
                        }
                    });
                }
            }
            JsonNode original = square.get(record.key());
            long returned = 0;
            for (JsonNode ret : original.path("returns")) {
                returned += ret.path("return_amounts").path("total_money").path("amount").asLong();
            }
            assertThat(total).as("total of %s", record.key()).isEqualByComparingTo(
                    BigDecimal.valueOf(original.path("total_money").path("amount").asLong() - returned).movePointLeft(digits));
            switch ((String) data.get("state")) {
                case "completed" -> assertThat(tendered).as("balance of %s", record.key()).isEqualByComparingTo(total);
                case "voided" -> assertThat((List<?>) data.get("tenders")).isEmpty();
                default -> assertThat(tendered).isLessThanOrEqualTo(total);
            }
        }
        for (SourceRecord refund : sandbox.read(PosStreams.REFUNDS, null).committed()) {
            JsonNode source = square.get((String) refund.data().get("order_id"));
            assertThat(source).as("the order refund %s names", refund.key()).isNotNull();
            List<String> uids = new java.util.ArrayList<>();
            source.path("line_items").forEach(l -> uids.add(l.path("uid").asText()));
            for (Object line : (List<?>) refund.data().get("lines")) {
                assertThat(uids).contains((String) ((Map<?, ?>) line).get("original_line_id"));
            }
        }
    }

    @Test
    void modifiers_and_decimal_quantities_convert_exactly() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(3, SquareMerchant.US, 150), 100);
        try {
            Map<String, JsonNode> lines = new HashMap<>();
            sandbox.square.data().orders().forEach(o -> o.path("line_items").forEach(l -> lines.put(l.path("uid").asText(), l)));
            int modified = 0;
            int weighed = 0;
            for (SourceRecord order : sandbox.read(PosStreams.ORDERS, null).committed()) {
                for (Object l : (List<?>) order.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    JsonNode square = lines.get((String) line.get("id"));
                    if (square == null) {
                        continue;
                    }
                    BigDecimal quantity = (BigDecimal) line.get("quantity");
                    assertThat(quantity).isEqualTo(new BigDecimal(square.path("quantity").asText()));
                    assertThat((BigDecimal) line.get("unit_price")).isEqualTo(cents(square.path("base_price_money")));
                    long charged = square.path("variation_total_price_money").path("amount").asLong();
                    BigDecimal perUnit = (BigDecimal) line.get("unit_price");
                    List<?> modifiers = (List<?>) line.get("modifiers");
                    for (int i = 0; i < modifiers.size(); i++) {
                        JsonNode m = square.path("modifiers").get(i);
                        BigDecimal price = (BigDecimal) ((Map<?, ?>) modifiers.get(i)).get("price");
                        assertThat(price).isEqualTo(cents(m.path("base_price_money")));
                        charged += m.path("total_price_money").path("amount").asLong();
                        perUnit = perUnit.add(price);
                    }
                    BigDecimal gross = (BigDecimal) line.get("gross");
                    assertThat(gross).isEqualTo(BigDecimal.valueOf(charged).movePointLeft(2));
                    assertThat(gross.subtract(quantity.multiply(perUnit).setScale(2, RoundingMode.HALF_EVEN)).abs())
                            .isLessThanOrEqualTo(new BigDecimal("0.01"));
                    modified += modifiers.isEmpty() ? 0 : 1;
                    weighed += quantity.stripTrailingZeros().scale() > 0 ? 1 : 0;
                }
            }
            assertThat(modified).as("lines with modifiers").isPositive();
            assertThat(weighed).as("lines with a decimal quantity").isPositive();
        } finally {
            sandbox.square.close();
        }
    }

    @Test
    void discovery_lists_exactly_the_fields_of_the_canonical_records_a_read_emits() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(6, SquareMerchant.US, 60), 100);
        try (SquareConnector connector = sandbox.connector()) {
            io.tillbridge.connector.pos.CanonicalDiscoveryCheck.check(connector.discover(sandbox.config),
                    stream -> sandbox.read(stream, null).committed(), PosStreams.ALL);
        } finally {
            sandbox.square.close();
        }
    }

    @Test
    void catalog_lines_carry_their_variation_item_and_sku_from_the_catalog() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(5, SquareMerchant.US, 60), 100);
        try {
            Map<String, JsonNode> variations = new HashMap<>();
            sandbox.square.data().catalogObjects().stream().filter(o -> o.path("type").asText().equals("ITEM"))
                    .forEach(item -> item.path("item_data").path("variations")
                            .forEach(v -> variations.put(v.path("id").asText(), v)));
            int checked = 0;
            for (SourceRecord order : sandbox.read(PosStreams.ORDERS, null).committed()) {
                for (Object l : (List<?>) order.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    JsonNode variation = variations.get((String) line.get("variation_id"));
                    if (variation == null) {
                        assertThat(line.get("sku")).as("a line without a catalog variation").isNull();
                        continue;
                    }
                    JsonNode data = variation.path("item_variation_data");
                    assertThat(line.get("item_id")).isEqualTo(data.path("item_id").asText());
                    assertThat(line.get("sku")).isEqualTo(data.path("sku").asText(null));
                    checked++;
                }
            }
            assertThat(checked).as("catalog lines checked").isPositive();
        } finally {
            sandbox.square.close();
        }
    }

    @Test
    void item_lines_and_the_lines_returned_carry_their_items_category_from_the_catalog() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(5, SquareMerchant.US, 150), 100);
        try {
            Map<String, String> categoryOfVariation = categoriesByVariation(sandbox);
            Map<String, Object> categoryOfLine = new HashMap<>();
            Map<String, Integer> byCategory = new HashMap<>();
            int uncategorized = 0;
            for (SourceRecord order : sandbox.read(PosStreams.ORDERS, null).committed()) {
                for (Object l : (List<?>) order.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    Object expected = "item".equals(line.get("kind"))
                            ? categoryOfVariation.get((String) line.get("variation_id")) : null;
                    assertThat(line.get("category")).as("category of %s line %s", order.key(), line.get("id"))
                            .isEqualTo(expected);
                    categoryOfLine.put((String) line.get("id"), line.get("category"));
                    if (expected == null) {
                        uncategorized++;
                    } else {
                        byCategory.merge((String) expected, 1, Integer::sum);
                    }
                }
            }
            assertThat(byCategory).as("lines by category").containsKeys("Coffee", "Tea", "Bakery", "Retail");
            assertThat(uncategorized).as("custom amounts and gift cards").isPositive();
            int returned = 0;
            for (SourceRecord refund : sandbox.read(PosStreams.REFUNDS, null).committed()) {
                for (Object l : (List<?>) refund.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    assertThat(categoryOfLine).containsKey((String) line.get("original_line_id"));
                    assertThat(line.get("category")).as("category of a line returned by %s", refund.key())
                            .isEqualTo(categoryOfLine.get((String) line.get("original_line_id")));
                    returned += line.get("category") == null ? 0 : 1;
                }
            }
            assertThat(returned).as("returned lines with a category").isPositive();
        } finally {
            sandbox.square.close();
        }
    }

    @Test
    void an_orders_read_looks_up_the_catalog_once_per_page_not_per_order() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(7, SquareMerchant.US, 240), 500);
        try {
            List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();

            assertThat(orders).hasSizeGreaterThan(200);
            assertThat(sandbox.square.requests("POST", "/v2/orders/search")).isEqualTo(1);
            // One call for the variations, one for their items' categories.
            assertThat(sandbox.square.requests("POST", "/v2/catalog/batch-retrieve")).isEqualTo(2);
            assertThat(orders.stream().flatMap(o -> ((List<?>) o.data().get("lines")).stream())
                    .filter(l -> ((Map<?, ?>) l).get("category") != null)).isNotEmpty();
        } finally {
            sandbox.square.close();
        }
    }

    @Test
    void pages_that_sell_only_variations_read_before_cost_no_catalog_call() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(7, SquareMerchant.US, 240), 40);
        try {
            List<SourceRecord> orders = sandbox.read(PosStreams.ORDERS, null).committed();

            long pages = sandbox.square.requests("POST", "/v2/orders/search");
            long catalog = sandbox.square.requests("POST", "/v2/catalog/batch-retrieve");
            assertThat(pages).isGreaterThanOrEqualTo(6);
            assertThat(catalog).as("catalog calls for %s orders in %s pages", orders.size(), pages)
                    .isLessThanOrEqualTo(2 * pages).isLessThan(orders.size() / 10);
        } finally {
            sandbox.square.close();
        }
    }

    @Test
    void a_fetch_of_canonical_orders_by_key_looks_up_their_catalog_once() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(8, SquareMerchant.US, 150), 100);
        try (SquareConnector connector = sandbox.connector()) {
            List<String> keys = sandbox.square.data().orders().stream().limit(60).map(o -> o.path("id").asText())
                    .toList();
            io.tillbridge.connector.CollectingSink sink = new io.tillbridge.connector.CollectingSink();

            connector.fetch(sandbox.config, PosStreams.ORDERS, keys, sink);

            assertThat(sink.uncommitted()).hasSize(60);
            assertThat(sandbox.square.requests("POST", "/v2/catalog/batch-retrieve")).isEqualTo(2);
            assertThat(sink.uncommitted().stream().flatMap(o -> ((List<?>) o.data().get("lines")).stream())
                    .map(l -> ((Map<?, ?>) l).get("category")).filter(java.util.Objects::nonNull)).isNotEmpty();
        } finally {
            sandbox.square.close();
        }
    }

    @Test
    void orders_refunds_and_payments_end_their_business_day_at_the_next_close_out_in_the_location_zone() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(4, SquareMerchant.US, 150), 100);
        try {
            Map<String, ZoneId> zones = new HashMap<>();
            sandbox.square.data().locations().forEach(l -> zones.put(l.path("id").asText(),
                    ZoneId.of(l.path("timezone").asText())));
            int checked = 0;
            for (String stream : List.of(PosStreams.ORDERS, PosStreams.REFUNDS, PosStreams.PAYMENTS)) {
                List<SourceRecord> records = sandbox.read(sandbox.config.withCloseOut("04:00"), stream, null,
                        new io.tillbridge.connector.CollectingSink()).committed();
                assertThat(records).as(stream).isNotEmpty();
                for (SourceRecord r : records) {
                    LocalDate day = LocalDate.parse((String) r.data().get("business_day"));
                    Instant ends = day.plusDays(1).atTime(4, 0).atZone(zones.get((String) r.data().get("location_id")))
                            .toInstant();
                    assertThat(r.data().get("business_day_ends_at")).as("%s %s", stream, r.key())
                            .isEqualTo(ends.toString());
                    assertThat(Instant.parse((String) r.data().get("business_day_ends_at")))
                            .isAfter(Instant.parse((String) r.data().get("created_at")));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(150);
        } finally {
            sandbox.square.close();
        }
    }

    /** The category name of every catalog variation's item, as the sandbox's catalog holds it. */
    private static Map<String, String> categoriesByVariation(SandboxReads sandbox) {
        Map<String, String> names = new HashMap<>();
        sandbox.square.data().catalogObjects().stream().filter(o -> o.path("type").asText().equals("CATEGORY"))
                .forEach(c -> names.put(c.path("id").asText(), c.path("category_data").path("name").asText()));
        Map<String, String> out = new HashMap<>();
        sandbox.square.data().catalogObjects().stream().filter(o -> o.path("type").asText().equals("ITEM"))
                .filter(item -> !item.path("is_deleted").asBoolean())
                .forEach(item -> item.path("item_data").path("variations").forEach(v -> out.put(v.path("id").asText(),
                        names.get(item.path("item_data").path("categories").path(0).path("id").asText()))));
        return out;
    }

    @Test
    void the_business_day_is_the_locations_local_day_before_the_close_out() {
        SandboxReads sandbox = new SandboxReads(SandboxReads.options(4, SquareMerchant.US, 150), 100);
        try {
            Map<String, ZoneId> zones = new HashMap<>();
            sandbox.square.data().locations().forEach(l -> zones.put(l.path("id").asText(),
                    ZoneId.of(l.path("timezone").asText())));
            int otherThanUtc = 0;
            List<SourceRecord> orders = sandbox.read(sandbox.config.withCloseOut("04:00"), PosStreams.ORDERS, null,
                    new io.tillbridge.connector.CollectingSink()).committed();
            for (SourceRecord order : orders) {
                Instant created = Instant.parse((String) order.data().get("created_at"));
                LocalDateTime local = LocalDateTime.ofInstant(created, zones.get((String) order.data().get("location_id")));
                LocalDate expected = local.toLocalTime().isBefore(LocalTime.of(4, 0)) ? local.toLocalDate().minusDays(1)
                        : local.toLocalDate();
                assertThat(order.data().get("business_day")).isEqualTo(expected.toString());
                otherThanUtc += expected.equals(LocalDate.ofInstant(created, ZoneOffset.UTC)) ? 0 : 1;
            }
            assertThat(otherThanUtc).as("evening orders in America are the next day in UTC").isPositive();
        } finally {
            sandbox.square.close();
        }
    }

    private static BigDecimal cents(JsonNode money) {
        return BigDecimal.valueOf(money.path("amount").asLong()).movePointLeft(2);
    }
}
