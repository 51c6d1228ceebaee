package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.pos.PosBalance;
import io.tillbridge.connector.pos.PosOrder;
import io.tillbridge.connector.pos.PosRefund;
import io.tillbridge.connector.spi.ConnectorException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopifyOrderTranslationTest {

    private final ShopifyOrderTranslation translation = new ShopifyOrderTranslation(LocalTime.of(4, 0));

    @Test
    void a_tax_inclusive_order_is_tax_exclusive_on_its_lines_and_still_balances_to_the_penny() {
        PosOrder order = translation.order(ShopifyOrders.london(), null);
        PosBalance.Totals totals = PosBalance.totals(order);
        assertThat(totals.expected()).isEqualByComparingTo("30.70");
        assertThat(totals.tendered()).isEqualByComparingTo("30.70");
        PosOrder.Line tee = order.lines().get(0);
        assertThat(tee.gross()).isEqualByComparingTo("20.00");
        assertThat(tee.tax()).isEqualByComparingTo("3.60");
        assertThat(tee.gross().subtract(tee.discount()).add(tee.tax())).isEqualByComparingTo("21.60");
        assertThat(order.discounts()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("WELCOME10");
            assertThat(d.amount()).isEqualByComparingTo(tee.discount());
        });
        assertThat(order.taxes()).singleElement().satisfies(t -> {
            assertThat(t.amount()).isEqualByComparingTo("4.95");
            assertThat(t.rate()).isEqualByComparingTo("20");
            assertThat(t.inclusive()).isTrue();
        });
    }

    @Test
    void decimal_quantities_and_properties_of_any_json_type_keep_the_value_model() {
        PosOrder order = translation.order(ShopifyOrders.london(), null);
        PosOrder.Line cheese = order.lines().get(1);
        assertThat(cheese.quantity()).isEqualTo(new BigDecimal("0.75"));
        assertThat(cheese.gross()).isEqualTo(new BigDecimal("6.75"));
        assertThat(cheese.modifiers()).extracting(PosOrder.Modifier::name)
                .containsExactly("Engraving: For Ada", "Count: 3", "Note", "Extra: {\"a\":[1,2]}");
        assertThat(cheese.modifiers()).allSatisfy(m -> assertThat(m.price()).isEqualTo(new BigDecimal("0.00")));
        assertValueModel(order.toData());
    }

    @Test
    void the_business_day_is_the_shops_local_date_before_the_close_out() {
        PosOrder order = translation.order(ShopifyOrders.london(), null);
        assertThat(order.createdAt()).isEqualTo("2026-12-01T00:30:00Z");
        assertThat(order.businessDay()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(order.version()).isEqualTo("2026-12-01T10:15:00Z");
    }

    @Test
    void product_lines_and_the_lines_refunded_carry_their_products_type_as_category() {
        ShopifyOrderTranslation withTypes = new ShopifyOrderTranslation(LocalTime.of(4, 0),
                id -> "11".equals(id) ? "Apparel" : null, () -> java.time.ZoneId.of("Europe/London"));

        PosOrder order = withTypes.order(ShopifyOrders.london(), null);
        PosRefund refund = withTypes.refunds(ShopifyOrders.london()).get(0);

        assertThat(order.lines()).extracting(PosOrder.Line::id, PosOrder.Line::category)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("601", "Apparel"),
                        org.assertj.core.groups.Tuple.tuple("602", null));
        assertThat(refund.lines()).singleElement().satisfies(l -> assertThat(l.category()).isEqualTo("Apparel"));
        assertThat(refund.businessDay()).isEqualTo("2026-12-01");
        assertThat(refund.businessDayEndsAt()).isEqualTo("2026-12-02T04:00:00Z");
        assertThat(order.businessDayEndsAt()).isEqualTo("2026-12-01T04:00:00Z");
        assertThat(((Map<?, ?>) ((List<?>) order.toData().get("lines")).get(0)).get("category")).isEqualTo("Apparel");
    }

    @Test
    void the_business_day_ends_at_the_next_close_out_in_the_shops_zone_across_the_fall_clock_change() {
        ShopifyOrderTranslation newYork = new ShopifyOrderTranslation(LocalTime.of(4, 0), id -> null,
                () -> java.time.ZoneId.of("America/New_York"));

        PosOrder sunday = newYork.order(at("2026-11-01T10:00:00-05:00"), null);
        PosOrder saturday = newYork.order(at("2026-10-31T23:30:00-04:00"), null);

        assertThat(sunday.businessDay()).isEqualTo("2026-11-01");
        assertThat(sunday.businessDayEndsAt()).isEqualTo("2026-11-02T09:00:00Z");
        // Sold in EDT, but its day ends after the clocks went back: 04:00 EST, not the sale's offset.
        assertThat(saturday.businessDay()).isEqualTo("2026-10-31");
        assertThat(saturday.businessDayEndsAt()).isEqualTo("2026-11-01T09:00:00Z");
    }

    @Test
    void a_sale_after_midnight_before_the_close_out_ends_with_the_previous_business_day() {
        ShopifyOrderTranslation newYork = new ShopifyOrderTranslation(LocalTime.of(4, 0), id -> null,
                () -> java.time.ZoneId.of("America/New_York"));

        PosOrder lateNight = newYork.order(at("2026-11-02T02:30:00-05:00"), null);

        assertThat(lateNight.businessDay()).isEqualTo("2026-11-01");
        assertThat(lateNight.businessDayEndsAt()).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(lateNight.toData()).containsEntry("business_day_ends_at", "2026-11-02T09:00:00Z");
    }

    /** The London order, rung up at {@code createdAt} instead. */
    private static ObjectNode at(String createdAt) {
        ObjectNode order = ShopifyOrders.london();
        order.put("created_at", createdAt);
        return order;
    }

    @Test
    void a_refund_names_its_order_lines_and_tenders_with_the_tax_it_gave_back() {
        List<PosRefund> refunds = translation.refunds(ShopifyOrders.london());
        assertThat(refunds).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("801");
            assertThat(r.orderId()).isEqualTo("5001");
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.amount()).isEqualByComparingTo("10.80");
            assertThat(r.tax()).isEqualByComparingTo("1.80");
            assertThat(r.lines()).singleElement().satisfies(l -> {
                assertThat(l.originalLineId()).isEqualTo("601");
                assertThat(l.amount()).isEqualByComparingTo("10.80");
            });
            assertThat(r.tenders()).singleElement().satisfies(t -> assertThat(t.paymentId()).isEqualTo("701"));
        });
        assertValueModel(refunds.get(0).toData());
    }

    @Test
    void an_order_split_over_gateways_has_a_tender_per_transaction_and_needs_them() {
        ObjectNode split = ShopifyOrders.split();
        assertThat(ShopifyOrderTranslation.needsTransactions(split)).isTrue();
        assertThat(ShopifyOrderTranslation.needsTransactions(ShopifyOrders.london())).isFalse();
        List<JsonNode> transactions = new ArrayList<>();
        ShopifyOrders.splitTransactions().forEach(transactions::add);
        PosOrder order = translation.order(split, transactions);
        assertThat(order.tenders()).extracting(PosOrder.Tender::amount)
                .containsExactly(new BigDecimal("10.00"), new BigDecimal("11.78"));
        assertThat(PosBalance.totals(order).balanced()).isTrue();
        assertThat(translation.payments(split, transactions)).extracting(p -> p.kind().wire())
                .containsExactly("gift_card", "card");
    }

    @Test
    void an_amount_with_more_digits_than_its_currency_is_refused_not_rounded() {
        ObjectNode order = ShopifyOrders.split();
        ((ObjectNode) order.path("line_items").get(0)).put("price", "10.005");
        assertThatThrownBy(() -> translation.order(order, null))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("10.005");
    }

    /** Maps, lists, strings, BigDecimals, booleans and null only. */
    static void assertValueModel(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertValueModel(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(ShopifyOrderTranslationTest::assertValueModel);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, BigDecimal.class, Boolean.class);
        }
    }
}
