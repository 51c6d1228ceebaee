package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reads of the Clover sandbox: paging to the end, the 90-day window, the look-back, late orders and refunds. */
class CloverReadsIT {

    @Test
    void a_read_follows_the_offset_to_the_end_past_ten_times_the_largest_page() {
        // The sandbox caps a limit above 20 at 20, as Clover caps one above 1000: a short page is not the end.
        try (CloverReads sandbox = new CloverReads(CloverReads.options(21, CloverMerchant.US_NEW_YORK, 250)
                .withPageLimits(10, 20, 100), 1000)) {
            CollectingSink sink = sandbox.read(CloverStreams.ORDERS, null);
            Set<String> expected = ids(sandbox.orders());
            assertThat(expected).hasSizeGreaterThan(20 * 10);
            assertThat(CloverReads.keys(sink.committed())).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(sink.events().stream().filter(e -> e instanceof Checkpoint).count())
                    .as("pages read").isGreaterThan(10);
        }
    }

    @Test
    void a_first_read_returns_orders_older_than_ninety_days_when_the_history_asks_for_them() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(22, CloverMerchant.US_NEW_YORK, 200), 100)) {
            long ninetyDaysAgo = CloverReads.NOW.minus(Duration.ofDays(90)).toEpochMilli();
            List<SourceRecord> orders = sandbox.read(CloverStreams.ORDERS, null).committed();
            assertThat(CloverReads.keys(orders)).containsExactlyInAnyOrderElementsOf(ids(sandbox.orders()));
            assertThat(orders).filteredOn(r -> ((BigDecimal) r.data().get("createdTime")).longValue() < ninetyDaysAgo)
                    .as("orders older than Clover's default window").hasSizeGreaterThan(20);

            long thirtyDaysAgo = CloverReads.NOW.minus(Duration.ofDays(30)).toEpochMilli();
            List<SourceRecord> recent = sandbox.read(sandbox.config.withReads(30, 60, 100, 8), CloverStreams.ORDERS,
                    null).committed();
            assertThat(CloverReads.keys(recent)).containsExactlyInAnyOrderElementsOf(sandbox.orders().stream()
                    .filter(o -> o.path("modifiedTime").asLong() >= thirtyDaysAgo).map(o -> o.path("id").asText())
                    .toList());
        }
    }

    @Test
    void a_read_from_a_checkpoint_reads_the_look_back_window_again() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(23, CloverMerchant.US_NEW_YORK, 100)
                .withOrdersPerHour(12), 10)) {
            sandbox.advance(Duration.ofHours(3));
            Instant now = sandbox.clover.data().now();
            // A read that went to now - 30 min, with a 60-minute look-back: everything modified since now - 90 min.
            List<SourceRecord> again = sandbox.read(CloverStreams.ORDERS,
                    CloverWindowReader.at(now.minus(Duration.ofMinutes(30)))).committed();
            long from = now.minus(Duration.ofMinutes(90)).toEpochMilli();
            List<String> expected = sandbox.orders().stream().filter(o -> o.path("modifiedTime").asLong() >= from)
                    .map(o -> o.path("id").asText()).toList();
            assertThat(expected).isNotEmpty();
            assertThat(CloverReads.keys(again)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void an_offline_order_that_arrives_late_is_read_next_time_with_its_register_time_and_business_day() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(24, CloverMerchant.US_NEW_YORK, 100)
                .withOrdersPerHour(0), 50)) {
            CollectingSink first = sandbox.read(PosStreams.ORDERS, null);
            CollectingSink firstPayments = sandbox.read(PosStreams.PAYMENTS, null);
            Set<String> before = Set.copyOf(CloverReads.keys(first.committed()));
            sandbox.advance(Duration.ofHours(4));
            List<JsonNode> late = sandbox.orders().stream().filter(o -> !before.contains(o.path("id").asText())
                    && o.path("clientCreatedTime").asLong() < CloverReads.NOW.toEpochMilli()).toList();
            assertThat(late).as("orders rung up before the first read that reached Clover after it").isNotEmpty();

            Map<String, SourceRecord> second = byKey(sandbox.read(PosStreams.ORDERS, first.lastCheckpoint()).committed());
            ZoneId zone = ZoneId.of(CloverMerchant.US_NEW_YORK.timeZone());
            for (JsonNode order : late) {
                SourceRecord record = second.get(order.path("id").asText());
                assertThat(record).as("late order %s", order.path("id").asText()).isNotNull();
                Instant rungUp = Instant.ofEpochMilli(order.path("clientCreatedTime").asLong());
                assertThat(record.data().get("created_at")).isEqualTo(rungUp.toString());
                assertThat(record.data().get("business_day")).isEqualTo(LocalDate.ofInstant(rungUp, zone).toString());
                assertThat(record.data().get("state")).isEqualTo("completed");
            }
            List<SourceRecord> payments = sandbox.read(PosStreams.PAYMENTS, firstPayments.lastCheckpoint()).committed();
            Set<String> lateIds = ids(late);
            assertThat(payments).filteredOn(p -> lateIds.contains((String) p.data().get("order_id")))
                    .isNotEmpty().allMatch(p -> Boolean.TRUE.equals(p.data().get("offline")));
        }
    }

    @Test
    void refunds_made_after_a_read_are_read_next_time_also_for_older_orders() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(25, CloverMerchant.US_NEW_YORK, 600)
                .withOrders(600, Duration.ofDays(20)).withOrdersPerHour(1), 100)) {
            CollectingSink vendor = sandbox.read(CloverStreams.REFUNDS, null);
            CollectingSink canonical = sandbox.read(PosStreams.REFUNDS, null);
            assertThat(CloverReads.keys(canonical.committed()))
                    .containsExactlyInAnyOrderElementsOf(CloverReads.keys(vendor.committed()));
            sandbox.advance(Duration.ofDays(8));
            long cut = CloverReads.NOW.toEpochMilli();
            Map<String, JsonNode> orders = new HashMap<>();
            sandbox.orders().forEach(o -> orders.put(o.path("id").asText(), o));
            List<JsonNode> newRefunds = sandbox.clover.data().refunds(sandbox.merchantId).stream()
                    .filter(r -> r.path("createdTime").asLong() > cut).toList();
            assertThat(newRefunds).filteredOn(r -> orders.get(r.path("orderRef").path("id").asText())
                    .path("createdTime").asLong() < cut).as("refunds of orders read before").isNotEmpty();

            List<SourceRecord> vendorAgain = sandbox.read(CloverStreams.REFUNDS, vendor.lastCheckpoint()).committed();
            List<SourceRecord> canonicalAgain = sandbox.read(PosStreams.REFUNDS, canonical.lastCheckpoint()).committed();
            Set<String> expected = ids(newRefunds);
            assertThat(CloverReads.keys(vendorAgain)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(CloverReads.keys(canonicalAgain)).containsAll(expected);
            for (SourceRecord refund : canonicalAgain) {
                JsonNode order = orders.get((String) refund.data().get("order_id"));
                assertThat(order).isNotNull();
                Set<String> lines = ids(CloverOrderTranslation.elements(order.path("lineItems")));
                for (Object line : (List<?>) refund.data().get("lines")) {
                    assertThat(lines).contains((String) ((Map<?, ?>) line).get("original_line_id"));
                }
                assertThat((BigDecimal) refund.data().get("amount")).isPositive();
            }
        }
    }

    @Test
    void rate_limits_and_server_errors_slow_a_read_down_but_never_fail_it() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(26, CloverMerchant.US_NEW_YORK, 120)
                .withRateLimits(3, 0, 0, 0), 10, true)) {
            sandbox.clover.faults().failNext(2, 503);
            CollectingSink sink = sandbox.read(CloverStreams.ORDERS, null);
            assertThat(CloverReads.keys(sink.committed())).containsExactlyInAnyOrderElementsOf(ids(sandbox.orders()));
            assertThat(sandbox.time.waits()).as("backoff after 429s and 503s").hasSizeGreaterThan(2);
        }
    }

    @Test
    void modifiers_weights_and_a_large_order_keep_exact_values_of_the_record_model() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(27, CloverMerchant.US_NEW_YORK, 200), 100)) {
            Map<String, JsonNode> lines = new HashMap<>();
            sandbox.orders().forEach(o -> CloverOrderTranslation.elements(o.path("lineItems"))
                    .forEach(l -> lines.put(l.path("id").asText(), l)));
            List<SourceRecord> vendor = sandbox.read(CloverStreams.ORDERS, null).committed();
            vendor.forEach(r -> assertValueModel(r.data()));
            JsonNode catering = sandbox.orders().stream().filter(o -> "Catering".equals(o.path("title").asText()))
                    .findFirst().orElseThrow();
            Map<String, SourceRecord> canonical = byKey(sandbox.read(PosStreams.ORDERS, null).committed());
            assertThat((List<?>) canonical.get(catering.path("id").asText()).data().get("lines"))
                    .as("lines beyond the nested list's 100").hasSize(120);
            assertThat((List<?>) ((Map<?, ?>) byKey(vendor).get(catering.path("id").asText()).data().get("lineItems"))
                    .get("elements")).hasSize(120);
            int modified = 0;
            int weighed = 0;
            for (SourceRecord order : canonical.values()) {
                assertValueModel(order.data());
                for (Object l : (List<?>) order.data().get("lines")) {
                    Map<?, ?> line = (Map<?, ?>) l;
                    JsonNode clover = lines.get((String) line.get("id"));
                    BigDecimal quantity = (BigDecimal) line.get("quantity");
                    if (clover.has("unitQty")) {
                        assertThat(quantity).isEqualTo(BigDecimal.valueOf(clover.path("unitQty").asLong(), 3));
                        weighed++;
                    } else {
                        assertThat(quantity).isEqualTo(BigDecimal.ONE);
                    }
                    List<JsonNode> mods = CloverOrderTranslation.elements(clover.path("modifications"));
                    List<?> modifiers = (List<?>) line.get("modifiers");
                    assertThat(modifiers).hasSameSizeAs(mods);
                    for (int i = 0; i < mods.size(); i++) {
                        assertThat(((Map<?, ?>) modifiers.get(i)).get("price"))
                                .isEqualTo(BigDecimal.valueOf(mods.get(i).path("amount").asLong(), 2));
                    }
                    modified += mods.isEmpty() ? 0 : 1;
                }
            }
            assertThat(modified).as("lines with modifiers").isPositive();
            assertThat(weighed).as("lines sold by weight").isPositive();
        }
    }

    /** Only maps, lists, strings, BigDecimals, booleans and null (SourceRecord's value model). */
    private static void assertValueModel(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertValueModel(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(CloverReadsIT::assertValueModel);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, BigDecimal.class, Boolean.class);
        }
    }

    private static Set<String> ids(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.path("id").asText()).collect(Collectors.toSet());
    }

    private static Map<String, SourceRecord> byKey(List<SourceRecord> records) {
        Map<String, SourceRecord> out = new HashMap<>();
        records.forEach(r -> out.put(r.key(), r));
        return out;
    }
}
