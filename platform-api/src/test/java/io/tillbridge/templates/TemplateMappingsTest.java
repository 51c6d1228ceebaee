package io.tillbridge.templates;

import static io.tillbridge.templates.CanonicalSamples.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.MappingPreview;
import io.tillbridge.connector.mapping.RecordOutcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped templates' mappings on canonical records written by hand ({@link CanonicalSamples}):
 * what each row holds, to the cent, and what the daily summary sums.
 */
class TemplateMappingsTest {

    @Test
    void an_order_becomes_one_warehouse_row_with_its_totals_as_exact_decimals() {
        RecordOutcome outcome = ShippedTemplates.mapping(ShippedTemplates.WAREHOUSE, "orders")
                .map(CanonicalSamples.cafeOrder().toData());

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.outputs()).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("order_id", "ord-cafe").containsEntry("location_id", "L1")
                    .containsEntry("business_day", "2026-12-05").containsEntry("state", "completed")
                    .containsEntry("currency", "USD").containsEntry("created_at", "2026-12-05T09:14:00Z")
                    .containsEntry("closed_at", "2026-12-05T09:15:00Z").containsEntry("customer_id", "cust-7");
            assertThat(row.get("line_count")).isEqualTo(BigDecimal.valueOf(2));
            assertThat(row.get("lines_amount")).isEqualTo(d("13.45"));
            assertThat(row.get("discounts")).isEqualTo(d("1.00"));
            assertThat(row.get("taxes")).isEqualTo(d("1.11"));
            assertThat(row.get("tips")).isEqualTo(d("2.00"));
            assertThat(row.get("revenue")).isEqualTo(d("12.45"));
            assertThat(row.get("total")).isEqualTo(d("15.56"));
            assertThat(row.get("tendered")).isEqualTo(d("15.56"));
            assertThat(row.get("fees")).isEqualTo(d("0.59"));
        });
    }

    @Test
    void a_yen_order_keeps_no_minor_digits() {
        Map<String, Object> row = ShippedTemplates.mapping(ShippedTemplates.WAREHOUSE, "orders")
                .map(CanonicalSamples.yenOrder().toData()).outputs().get(0);

        assertThat(row.get("total")).isEqualTo(d("990"));
        assertThat(((BigDecimal) row.get("total")).scale()).isZero();
    }

    @Test
    void every_line_becomes_a_row_with_its_order_and_its_amounts() {
        RecordOutcome outcome = ShippedTemplates.mapping(ShippedTemplates.WAREHOUSE, "lines")
                .map(CanonicalSamples.cafeOrder().toData());

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.outputs()).hasSize(2);
        Map<String, Object> latte = outcome.outputs().get(0);
        assertThat(latte).containsEntry("order_id", "ord-cafe").containsEntry("line_id", "li-1")
                .containsEntry("sku", "LAT-L").containsEntry("name", "Latte large").containsEntry("kind", "item")
                .containsEntry("business_day", "2026-12-05").containsEntry("location_id", "L1");
        assertThat(latte.get("quantity")).isEqualTo(d("2"));
        assertThat(latte.get("unit_price")).isEqualTo(d("4.50"));
        assertThat(latte.get("gross")).isEqualTo(d("10.20"));
        assertThat(latte.get("discount")).isEqualTo(d("1.00"));
        assertThat(latte.get("tax")).isEqualTo(d("0.82"));
        assertThat(latte.get("net")).isEqualTo(d("10.02"));
        assertThat((List<?>) latte.get("modifiers")).singleElement()
                .isEqualTo(Map.of("id", "mo-oat", "name", "Oat milk", "price", d("0.60")));
        assertThat(outcome.outputs().get(1)).containsEntry("line_id", "li-2").containsEntry("modifiers", List.of());
    }

    @Test
    void the_lines_nets_add_up_to_the_orders_lines_less_discounts_plus_taxes() {
        CompiledMapping lines = ShippedTemplates.mapping(ShippedTemplates.WAREHOUSE, "lines");
        for (Map<String, Object> order : CanonicalSamples.orders()) {
            BigDecimal net = lines.map(order).outputs().stream().map(r -> (BigDecimal) r.get("net"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<?, ?> totals = (Map<?, ?>) order.get("totals");
            BigDecimal expected = ((BigDecimal) totals.get("lines")).subtract((BigDecimal) totals.get("discounts"))
                    .add((BigDecimal) totals.get("taxes"));
            assertThat(net).as(order.get("id").toString()).isEqualByComparingTo(expected);
        }
    }

    @Test
    void the_daily_summary_sums_completed_orders_tenders_by_business_day_location_and_kind() {
        MappingPreview preview = ShippedTemplates.mapping(ShippedTemplates.DAILY_SALES, "sales")
                .preview(CanonicalSamples.orders());

        assertThat(preview.records()).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        Map<String, Map<String, Object>> groups = preview.aggregated().stream().collect(Collectors.toMap(
                g -> g.get("business_day") + "|" + g.get("location_id") + "|" + g.get("tender_kind"), g -> g));
        // The voided order has no tenders and the open order is not a sale: neither counts.
        assertThat(groups).containsOnlyKeys("2026-12-05|L1|card", "2026-12-05|L1|cash", "2026-12-06|L2|card");
        Map<String, Object> card = groups.get("2026-12-05|L1|card");
        assertThat(card).containsEntry("currency", "USD");
        assertThat((BigDecimal) card.get("amount")).isEqualByComparingTo("13.54");
        assertThat((BigDecimal) card.get("tip")).isEqualByComparingTo("2.00");
        assertThat((BigDecimal) card.get("fee")).isEqualByComparingTo("0.80");
        assertThat((BigDecimal) card.get("fees_reported")).isEqualByComparingTo("2");
        assertThat((BigDecimal) card.get("tenders")).isEqualByComparingTo("2");
        Map<String, Object> cash = groups.get("2026-12-05|L1|cash");
        assertThat((BigDecimal) cash.get("amount")).isEqualByComparingTo("5.56");
        assertThat((BigDecimal) cash.get("fees_reported")).as("cash reports no fee").isEqualByComparingTo("0");
        assertThat((BigDecimal) cash.get("tenders")).isEqualByComparingTo("1");
        Map<String, Object> yen = groups.get("2026-12-06|L2|card");
        assertThat(yen).containsEntry("currency", "JPY");
        assertThat((BigDecimal) yen.get("amount")).isEqualByComparingTo("990");
        assertThat((BigDecimal) yen.get("fee")).isEqualByComparingTo("0");
    }

    @Test
    void an_order_without_a_location_is_summed_under_no_location_rather_than_held() {
        MappingPreview preview = ShippedTemplates.mapping(ShippedTemplates.DAILY_SALES, "sales")
                .preview(List.of(CanonicalSamples.onlineOrder().toData(), CanonicalSamples.secondCafeOrder().toData()));

        assertThat(preview.records()).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        assertThat(preview.aggregated()).hasSize(2).anySatisfy(g -> {
            assertThat(g).containsEntry("location_id", null).containsEntry("tender_kind", "card");
            assertThat((BigDecimal) g.get("amount")).isEqualByComparingTo("3.54");
        });
    }

    @Test
    void a_refund_becomes_one_report_row_with_its_tenders() {
        RecordOutcome outcome = ShippedTemplates.mapping(ShippedTemplates.REFUNDS_AND_VOIDS, "refunds")
                .map(CanonicalSamples.refund().toData());

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.outputs()).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("record_type", "refund").containsEntry("id", "ref-1")
                    .containsEntry("order_id", "ord-cafe").containsEntry("business_day", "2026-12-06")
                    .containsEntry("status", "completed").containsEntry("reason", "Stale")
                    .containsEntry("occurred_at", "2026-12-06T08:00:00Z").containsEntry("amount", d("3.54"))
                    .containsEntry("tax", d("0.29"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tenders = (List<Map<String, Object>>) row.get("tenders");
            assertThat(tenders).singleElement().satisfies(t -> assertThat(t)
                    .containsEntry("kind", "card").containsEntry("amount", d("3.54")));
        });
    }

    @Test
    void only_a_voided_order_becomes_a_report_row_with_the_same_columns_as_a_refund() {
        CompiledMapping voids = ShippedTemplates.mapping(ShippedTemplates.REFUNDS_AND_VOIDS, "voids");
        CompiledMapping refunds = ShippedTemplates.mapping(ShippedTemplates.REFUNDS_AND_VOIDS, "refunds");

        List<Map<String, Object>> rows = CanonicalSamples.orders().stream()
                .flatMap(o -> voids.map(o).outputs().stream()).toList();

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("record_type", "void").containsEntry("id", "ord-void")
                    .containsEntry("order_id", "ord-void").containsEntry("status", "voided")
                    .containsEntry("occurred_at", "2026-12-05T11:03:00Z").containsEntry("reason", null)
                    .containsEntry("amount", d("3.54")).containsEntry("tax", d("0.29"))
                    .containsEntry("tenders", List.of());
        });
        assertThat(voids.targets()).as("the report's columns, in one order").isEqualTo(refunds.targets());
    }
}
