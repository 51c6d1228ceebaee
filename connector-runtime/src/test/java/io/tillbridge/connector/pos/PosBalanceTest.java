package io.tillbridge.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PosBalanceTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static PosOrder order(List<PosOrder.Tender> tenders) {
        PosOrder.Line latte = new PosOrder.Line("l1", LineKind.ITEM, "item-1", "var-1", "LAT-12", "Latte", d("2"),
                d("4.50"), List.of(new PosOrder.Modifier("m1", "Oat milk", d("0.50"))), d("10.00"), d("1.00"),
                d("0.80"));
        PosOrder.Line giftCard = new PosOrder.Line("l2", LineKind.GIFT_CARD, null, null, null, "Gift card", d("1"),
                d("25.00"), List.of(), d("25.00"), d("0.00"), d("0.00"));
        return new PosOrder("o1", "square", "loc-1", "USD", OrderState.COMPLETED, "2026-12-05T06:30:00Z",
                "2026-12-05T06:31:00Z", "2026-12-05T06:31:00Z", LocalDate.of(2026, 12, 4), "3", null,
                List.of(latte, giftCard), List.of(new PosOrder.Adjustment("d1", "Staff", d("1.00"))),
                List.of(new PosOrder.Tax("t1", "Sales tax", d("8.875"), d("0.80"), false)),
                List.of(new PosOrder.Adjustment("s1", "Delivery", d("3.00"))), d("2.00"), d("0.00"), tenders);
    }

    @Test
    void an_order_whose_tenders_pay_lines_charges_tips_and_taxes_less_discounts_balances() {
        PosOrder o = order(List.of(
                new PosOrder.Tender("p1", TenderKind.CARD, d("30.00"), d("2.00"), d("0.87"), "pay-1", "VISA"),
                new PosOrder.Tender("p2", TenderKind.CASH, d("9.80"), d("0.00"), null, null, null)));

        PosBalance.Totals totals = PosBalance.totals(o);

        assertThat(totals.expected()).isEqualByComparingTo("39.80");
        assertThat(totals.balanced()).isTrue();
        assertThat(totals.giftCardSales()).isEqualByComparingTo("25.00");
        assertThat(totals.revenue()).as("gift-card sales are not revenue").isEqualByComparingTo("9.00");
        assertThat(totals.fees()).isEqualByComparingTo("0.87");
    }

    @Test
    void a_cent_missing_from_the_tenders_is_an_unbalanced_order() {
        PosOrder o = order(List.of(new PosOrder.Tender("p1", TenderKind.CARD, d("39.79"), d("2.00"), null, "pay-1",
                "VISA")));

        assertThat(PosBalance.totals(o).balanced()).isFalse();
    }

    @Test
    void the_data_names_fields_in_snake_case_and_carries_totals_and_line_nets() {
        Map<String, Object> data = order(List.of()).toData();

        assertThat(data).containsEntry("location_id", "loc-1").containsEntry("business_day", "2026-12-04")
                .containsEntry("state", "completed");
        @SuppressWarnings("unchecked")
        Map<String, Object> line = ((List<Map<String, Object>>) data.get("lines")).get(0);
        assertThat((BigDecimal) line.get("net")).isEqualByComparingTo("9.80");
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) data.get("totals");
        assertThat((BigDecimal) totals.get("total")).isEqualByComparingTo("39.80");
    }

    @Test
    void an_order_before_the_close_out_hour_belongs_to_the_previous_business_day() {
        PosLocation cafe = new PosLocation("loc-1", "square", "Cafe", ZoneId.of("America/New_York"),
                LocalTime.of(4, 0), "USD", "US", true);

        assertThat(cafe.businessDay(Instant.parse("2026-12-05T06:30:00Z"))).as("01:30 local")
                .isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(cafe.businessDay(Instant.parse("2026-12-05T10:00:00Z"))).as("05:00 local")
                .isEqualTo(LocalDate.of(2026, 12, 5));
    }
}
