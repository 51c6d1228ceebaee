package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.accounting.JournalDocument;
import io.tillbridge.connector.pos.GeneratedOrders;
import io.tillbridge.connector.pos.LineKind;
import io.tillbridge.connector.pos.OrderState;
import io.tillbridge.connector.pos.PosBalance;
import io.tillbridge.connector.pos.PosOrder;
import io.tillbridge.connector.pos.TenderKind;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The daily sales journal mapping (pos-daily-sales-journal.json): canonical orders' postings into one
 * balanced journal document per location and business day, posted once the day is final.
 */
class SalesJournalMappingTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime CLOSE_OUT = LocalTime.of(4, 0);
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 1);
    private static final Instant LONG_AFTER = Instant.parse("2026-06-01T00:00:00Z");

    static String template() {
        try (InputStream in = SalesJournalMappingTest.class.getResourceAsStream("pos-daily-sales-journal.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The template with the merchant's account map filled in. */
    private static CompiledMapping journal(Map<String, String> accounts) {
        JsonNode tree = MappingSpecJson.parseTree(template());
        ObjectNode entries = (ObjectNode) tree.path("valueMaps").path("accounts").path("entries");
        accounts.forEach(entries::put);
        MappingSpecJson.Parsed parsed = MappingSpecJson.read(tree);
        assertThat(parsed.errors()).isEmpty();
        MappingCompiler.Compilation compilation = MappingCompiler.compile(parsed.spec());
        assertThat(compilation.errors()).isEmpty();
        return compilation.mapping();
    }

    /** Every account key an order or refund can post, to an account code of its own. */
    private static Map<String, String> chart(List<Map<String, Object>> records) {
        TreeSet<String> keys = new TreeSet<>();
        for (Map<String, Object> r : records) {
            postings(r).forEach(p -> keys.add((String) p.get("account_key")));
        }
        Map<String, String> chart = new LinkedHashMap<>();
        int code = 1000;
        for (String key : keys) {
            chart.put(key, String.valueOf(code++));
        }
        return chart;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> postings(Map<String, Object> record) {
        return (List<Map<String, Object>>) record.get("postings");
    }

    /** The instant a business day ends at a location: its close-out on the next day, in its zone. */
    private static String endsAt(LocalDate day) {
        return day.plusDays(1).atTime(CLOSE_OUT).atZone(NEW_YORK).toOffsetDateTime().toString();
    }

    /** An order's data as a POS connector emits it, with the business day's end. */
    private static Map<String, Object> data(PosOrder order) {
        Map<String, Object> data = new LinkedHashMap<>(order.toData());
        data.put("business_day_ends_at", endsAt(order.businessDay()));
        return data;
    }

    private static List<Map<String, Object>> month(Random r) {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int day = 0; day < 31; day++) {
            for (String location : List.of("L1", "L2")) {
                for (int n = 0; n < 3; n++) {
                    orders.add(data(GeneratedOrders.order(r, location + "-" + day + "-" + n, "USD", location,
                            MARCH.plusDays(day))));
                }
            }
        }
        return orders;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> document) {
        return (List<Map<String, Object>>) document.get("lines");
    }

    private static BigDecimal sum(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(l -> (BigDecimal) l.get(field)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void a_month_of_orders_makes_one_balanced_journal_per_location_and_business_day() {
        List<Map<String, Object>> orders = month(new Random(7));
        PosOrder open = new PosOrder("open-1", "square", "L1", "USD", OrderState.OPEN, null, null, null, MARCH, "1",
                null, List.of(new PosOrder.Line("l", LineKind.ITEM, null, null, null, "x", BigDecimal.ONE,
                        new BigDecimal("99.00"), List.of(), new BigDecimal("99.00"), BigDecimal.ZERO, BigDecimal.ZERO)),
                List.of(), List.of(), List.of(), null, null, List.of());
        orders.add(data(open));

        MappingPreview preview = journal(chart(orders)).preview(orders, LONG_AFTER);

        assertThat(preview.aggregateErrors()).isEmpty();
        assertThat(preview.pending()).isZero();
        assertThat(preview.aggregated()).hasSize(62);
        for (Map<String, Object> document : preview.aggregated()) {
            assertThat(document).containsOnlyKeys("date", "location_id", "currency", "lines");
            assertThat(lines(document)).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).containsOnlyKeys("account", "description", "debit", "credit"));
            assertThat(sum(lines(document), "debit")).isEqualByComparingTo(sum(lines(document), "credit"));
            // What the journal debits is what its orders took: discounts, tenders and fees.
            BigDecimal taken = orders.stream().filter(o -> o.get("business_day").equals(document.get("date"))
                    && o.get("location_id").equals(document.get("location_id")) && "completed".equals(o.get("state")))
                    .map(o -> sum(postings(o), "debit")).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum(lines(document), "debit")).isEqualByComparingTo(taken);
            // The accounting targets read it as a balanced journal.
            assertThat(JournalDocument.of(document).lines()).isNotEmpty();
        }
        assertThat(preview.aggregated().get(0)).containsEntry("date", "2026-03-01").containsEntry("location_id", "L1");
    }

    @Test
    void an_unmapped_account_key_holds_its_day_with_what_it_leaves_out_named_while_other_days_post() {
        List<Map<String, Object>> orders = month(new Random(11));
        Map<String, String> accounts = chart(orders);
        PosOrder deposit = new PosOrder("deposit-1", "square", "L2", "USD", OrderState.COMPLETED, null, null, null,
                MARCH.plusDays(4), "1", null,
                List.of(new PosOrder.Line("l", LineKind.ITEM, null, null, null, "Water", BigDecimal.ONE,
                        new BigDecimal("2.00"), List.of(), new BigDecimal("2.00"), BigDecimal.ZERO, BigDecimal.ZERO)),
                List.of(), List.of(new PosOrder.Tax("t", "Bottle deposit", null, new BigDecimal("0.25"), false)),
                List.of(), null, null,
                List.of(new PosOrder.Tender("t1", TenderKind.CASH, new BigDecimal("2.25"), null, null, null, null)));
        assertThat(PosBalance.totals(deposit).balanced()).isTrue();
        orders.add(data(deposit));

        MappingPreview preview = journal(accounts).preview(orders, LONG_AFTER);

        RecordOutcome held = preview.records().get(orders.size() - 1);
        assertThat(held.errors()).singleElement().satisfies(e -> {
            assertThat(e.category()).isEqualTo(FieldError.Category.UNMAPPED_VALUE);
            assertThat(e.value()).isEqualTo("tax:Bottle deposit");
        });
        assertThat(preview.aggregateErrors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("journal {date=2026-03-05, location_id=L2, currency=USD} is held")
                .contains("1 record of it did not map")
                .contains("the rows that did not map carry debits 0.00 and credits 0.25 (difference -0.25)"));
        assertThat(preview.aggregated()).hasSize(61)
                .noneMatch(d -> d.get("date").equals("2026-03-05") && d.get("location_id").equals("L2"))
                .anyMatch(d -> d.get("date").equals("2026-03-05") && d.get("location_id").equals("L1"));

        accounts.put("tax:Bottle deposit", "2210");
        MappingPreview mapped = journal(accounts).preview(orders, LONG_AFTER);
        assertThat(mapped.aggregateErrors()).isEmpty();
        assertThat(mapped.aggregated()).hasSize(62);
    }

    @Test
    void an_empty_account_map_holds_every_day_until_the_merchant_maps_the_keys() {
        List<Map<String, Object>> orders = month(new Random(3)).subList(0, 12);

        MappingPreview preview = journal(Map.of()).preview(orders, LONG_AFTER);

        assertThat(preview.aggregated()).isEmpty();
        assertThat(preview.records()).allSatisfy(o -> assertThat(o.errors()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.category()).isEqualTo(FieldError.Category.UNMAPPED_VALUE)));
        assertThat(preview.aggregateErrors()).hasSize(4)
                .allSatisfy(e -> assertThat(e.message()).contains("is held"));
    }

    @Test
    void days_inside_settle_and_late_window_are_not_output_until_the_clock_moves_past_them() {
        List<Map<String, Object>> orders = month(new Random(5)).stream()
                .filter(o -> o.get("location_id").equals("L1") && ((String) o.get("business_day")).compareTo("2026-03-03") <= 0)
                .toList();
        CompiledMapping mapping = journal(chart(orders));
        Instant firstDayFinal = Instant.parse("2026-03-02T09:00:00Z").plus(Duration.ofHours(2 + 72));

        MappingPreview before = mapping.preview(orders, firstDayFinal.minusSeconds(1));
        MappingPreview first = mapping.preview(orders, firstDayFinal);
        MappingPreview all = mapping.preview(orders, firstDayFinal.plus(Duration.ofDays(2)));

        assertThat(before.aggregated()).isEmpty();
        assertThat(before.pending()).isEqualTo(3);
        assertThat(before.aggregateErrors()).as("pending is not an error").isEmpty();
        assertThat(first.aggregated()).extracting(d -> d.get("date")).containsExactly("2026-03-01");
        assertThat(first.pending()).isEqualTo(2);
        assertThat(all.aggregated()).extracting(d -> d.get("date"))
                .containsExactly("2026-03-01", "2026-03-02", "2026-03-03");
        assertThat(all.pending()).isZero();
    }

    @Test
    void the_day_the_clocks_go_forward_is_final_an_hour_earlier_in_utc_than_the_day_before() {
        // 2026-03-08 02:00 New York: EST (-05:00) becomes EDT (-04:00); the 7th's business day ends at
        // the 8th's 04:00 close-out, already in EDT, so it is 23 hours long.
        List<Map<String, Object>> orders = new ArrayList<>();
        Random r = new Random(9);
        orders.add(data(GeneratedOrders.order(r, "a", "USD", "L1", LocalDate.of(2026, 3, 6))));
        orders.add(data(GeneratedOrders.order(r, "b", "USD", "L1", LocalDate.of(2026, 3, 7))));
        assertThat(orders.get(0).get("business_day_ends_at")).isEqualTo("2026-03-07T04:00-05:00");
        assertThat(orders.get(1).get("business_day_ends_at")).isEqualTo("2026-03-08T04:00-04:00");
        CompiledMapping mapping = journal(chart(orders));
        Duration wait = Duration.ofHours(74);

        MappingPreview justBefore = mapping.preview(orders, Instant.parse("2026-03-08T08:00:00Z").plus(wait).minusSeconds(1));
        MappingPreview atEnd = mapping.preview(orders, Instant.parse("2026-03-08T08:00:00Z").plus(wait));

        assertThat(justBefore.aggregated()).extracting(d -> d.get("date")).containsExactly("2026-03-06");
        assertThat(justBefore.pending()).isEqualTo(1);
        assertThat(atEnd.aggregated()).extracting(d -> d.get("date")).containsExactly("2026-03-06", "2026-03-07");
    }

    @Test
    void a_row_without_an_instant_where_its_day_ends_is_an_error_for_its_record() {
        Map<String, Object> order = data(GeneratedOrders.order(new Random(1), "a", "JPY", "L1", MARCH));
        order.put("business_day_ends_at", "tomorrow morning");
        Map<String, Object> good = data(GeneratedOrders.order(new Random(2), "b", "JPY", "L1", MARCH.plusDays(1)));

        MappingPreview preview = journal(chart(List.of(order, good))).preview(List.of(order, good), LONG_AFTER);

        assertThat(preview.aggregateErrors()).isNotEmpty().first().satisfies(e -> {
            assertThat(e.path()).isEqualTo("day_ends_at");
            assertThat(e.message()).contains("'tomorrow morning' is not an RFC 3339 instant");
        });
        assertThat(preview.aggregated()).extracting(d -> d.get("date")).containsExactly("2026-03-02");
    }
}
