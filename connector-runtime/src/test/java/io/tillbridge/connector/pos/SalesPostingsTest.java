package io.tillbridge.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.mapping.PropertyRuns;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesPostingsTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static BigDecimal side(List<Map<String, Object>> postings, String side) {
        return postings.stream().map(p -> (BigDecimal) p.get(side)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, BigDecimal> net(List<Map<String, Object>> postings) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Map<String, Object> p : postings) {
            out.merge((String) p.get("account_key"),
                    ((BigDecimal) p.get("debit")).subtract((BigDecimal) p.get("credit")), BigDecimal::add);
        }
        return out;
    }

    /** The postings as text, amounts without trailing zeros (the samples are read so). */
    private static List<String> exact(List<Map<String, Object>> postings) {
        return postings.stream().map(p -> p.get("account_key") + " " + ((BigDecimal) p.get("debit")).stripTrailingZeros()
                .toPlainString() + " " + ((BigDecimal) p.get("credit")).stripTrailingZeros().toPlainString()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> postings(Map<String, Object> data) {
        return (List<Map<String, Object>>) data.get("postings");
    }

    @Test
    void the_postings_of_every_generated_completed_order_balance_in_currencies_with_0_2_and_3_digits() {
        PropertyRuns.forAll(300, r -> {
            String currency = List.of("JPY", "USD", "BHD").get(r.nextInt(3));
            return GeneratedOrders.order(r, "o", currency, "loc-1", LocalDate.of(2026, 3, 2));
        }, order -> {
            assertThat(PosBalance.totals(order).balanced()).as("the generator keeps the model's identity").isTrue();
            List<Map<String, Object>> postings = postings(order.toData());
            int digits = Currency.getInstance(order.currency()).getDefaultFractionDigits();
            assertThat(side(postings, "debit")).isEqualByComparingTo(side(postings, "credit"));
            for (Map<String, Object> p : postings) {
                BigDecimal debit = (BigDecimal) p.get("debit");
                BigDecimal credit = (BigDecimal) p.get("credit");
                assertThat(debit.signum() == 0 ^ credit.signum() == 0).as("one side of %s is zero", p).isTrue();
                assertThat(debit.signum()).isNotNegative();
                assertThat(credit.signum()).isNotNegative();
                assertThat(debit.scale()).as("digits of %s", p).isEqualTo(digits);
                assertThat(credit.scale()).isEqualTo(digits);
            }
            // The debits less credits per account restate the model's totals.
            PosBalance.Totals totals = PosBalance.totals(order);
            Map<String, BigDecimal> net = net(postings);
            BigDecimal tendered = net.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("tender:") || e.getKey().equals("gift_card:redemptions"))
                    .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal fees = net.entrySet().stream().filter(e -> e.getKey().startsWith("fees:"))
                    .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(tendered.add(fees)).isEqualByComparingTo(totals.tendered());
            assertThat(net.getOrDefault("gift_card:sales", BigDecimal.ZERO).negate())
                    .isEqualByComparingTo(totals.giftCardSales());
        });
    }

    @Test
    void the_postings_of_the_discovery_samples_are_what_the_model_computes_and_balance() {
        for (Map<String, Object> sample : PosStreamDescriptors.samples(PosStreams.ORDERS)) {
            assertThat(exact(postings(sample))).as("sample %s", sample.get("id"))
                    .isEqualTo(exact(SalesPostings.ofOrder(sample)));
            assertThat(side(postings(sample), "debit")).isEqualByComparingTo(side(postings(sample), "credit"));
        }
        for (Map<String, Object> sample : PosStreamDescriptors.samples(PosStreams.REFUNDS)) {
            assertThat(exact(postings(sample))).as("sample %s", sample.get("id"))
                    .isEqualTo(exact(SalesPostings.ofRefund(sample)));
            assertThat(side(postings(sample), "debit")).isEqualByComparingTo(side(postings(sample), "credit"));
        }
    }

    @Test
    void an_order_whose_tenders_miss_a_cent_posts_a_cent_more_credit_than_debit() {
        PosOrder order = new PosOrder("o1", "square", "loc-1", "USD", OrderState.COMPLETED, null, null, null, null,
                "1", null, List.of(line("l1", LineKind.ITEM, "10.00")), List.of(), List.of(), List.of(), null, null,
                List.of(new PosOrder.Tender("t1", TenderKind.CASH, d("9.99"), null, null, null, null)));

        List<Map<String, Object>> postings = postings(order.toData());

        assertThat(side(postings, "credit").subtract(side(postings, "debit"))).isEqualByComparingTo("0.01");
    }

    @Test
    void an_order_posts_sales_by_category_gift_cards_discounts_taxes_charges_tips_rounding_tenders_and_fees() {
        PosOrder order = new PosOrder("o1", "square", "loc-1", "USD", OrderState.COMPLETED, null, null, null, null,
                "1", null,
                List.of(line("l1", LineKind.ITEM, "10.00"), line("l2", LineKind.CUSTOM_AMOUNT, "2.00"),
                        line("l3", LineKind.ITEM, "5.00"), line("l4", LineKind.GIFT_CARD, "20.00")),
                List.of(new PosOrder.Adjustment("d1", "Staff", d("1.00"))),
                List.of(new PosOrder.Tax("t1", "Sales tax", d("8.875"), d("1.42"), false),
                        new PosOrder.Tax("t2", "City", null, d("0.10"), false)),
                List.of(new PosOrder.Adjustment("s1", "Delivery", d("3.00"))), d("2.00"), d("-0.02"),
                List.of(new PosOrder.Tender("t1", TenderKind.CARD, d("30.00"), d("2.00"), d("0.90"), "p1", "VISA"),
                        new PosOrder.Tender("t2", TenderKind.GIFT_CARD, d("10.00"), null, null, "p2", null),
                        new PosOrder.Tender("t3", TenderKind.CASH, d("2.50"), null, null, null, null)));
        Map<String, Object> data = order.toData();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) data.get("lines");
        lines.get(0).put("category", "Coffee");
        lines.get(2).put("category", "Coffee");

        Map<String, BigDecimal> net = net(SalesPostings.ofOrder(data));

        assertThat(net).containsOnlyKeys("sales:Coffee", "sales:Uncategorized", "gift_card:sales", "discounts",
                "tax:Sales tax 8.875%", "tax:City", "service_charges:Delivery", "tips", "rounding", "tender:card",
                "fees:card", "gift_card:redemptions", "tender:cash");
        assertThat(net.get("sales:Coffee")).isEqualByComparingTo("-15.00");
        assertThat(net.get("sales:Uncategorized")).isEqualByComparingTo("-2.00");
        assertThat(net.get("gift_card:sales")).isEqualByComparingTo("-20.00");
        assertThat(net.get("discounts")).isEqualByComparingTo("1.00");
        assertThat(net.get("rounding")).as("rounded down: a debit").isEqualByComparingTo("0.02");
        assertThat(net.get("tender:card")).as("the card's amount less its fee").isEqualByComparingTo("29.10");
        assertThat(net.get("fees:card")).isEqualByComparingTo("0.90");
        assertThat(net.get("gift_card:redemptions")).isEqualByComparingTo("10.00");
        assertThat(net.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0");
    }

    @Test
    void open_and_voided_orders_and_pending_refunds_post_nothing() {
        PosOrder open = new PosOrder("o1", "square", "loc-1", "USD", OrderState.OPEN, null, null, null, null, "1",
                null, List.of(line("l1", LineKind.ITEM, "10.00")), List.of(), List.of(), List.of(), null, null,
                List.of());
        PosRefund pending = refund("pending", List.of(), "5.00", "0.00", TenderKind.CARD);

        assertThat(postings(open.toData())).isEmpty();
        assertThat(postings(pending.toData())).isEmpty();
    }

    @Test
    void a_line_refund_debits_refunds_by_category_and_refunded_tax_and_credits_its_tenders() {
        PosRefund refund = refund("completed", List.of(new PosRefund.Line("l1", "SKU", d("1"), d("5.40"), d("0.40")),
                new PosRefund.Line("l2", "SKU2", d("1"), d("3.24"), d("0.24"))), "8.64", "0.64", TenderKind.GIFT_CARD);
        Map<String, Object> data = refund.toData();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) data.get("lines");
        lines.get(0).put("category", "Coffee");

        List<Map<String, Object>> postings = SalesPostings.ofRefund(data);

        assertThat(net(postings)).containsExactly(Map.entry("refunds:Coffee", d("5.00")),
                Map.entry("refunds:Uncategorized", d("3.00")), Map.entry("tax:refunded", d("0.64")),
                Map.entry("gift_card:redemptions", d("-8.64")));
    }

    @Test
    void an_amount_only_refund_debits_uncategorized_refunds_by_its_amount_less_tax() {
        List<Map<String, Object>> postings = postings(refund("completed", List.of(), "1230", "30", TenderKind.CASH)
                .toData());

        assertThat(postings).containsExactly(
                Map.of("account_key", "refunds:Uncategorized", "debit", d("1200"), "credit", d("0")),
                Map.of("account_key", "tax:refunded", "debit", d("30"), "credit", d("0")),
                Map.of("account_key", "tender:cash", "debit", d("0"), "credit", d("1230")));
    }

    private static PosOrder.Line line(String id, LineKind kind, String gross) {
        return new PosOrder.Line(id, kind, null, null, null, id, BigDecimal.ONE, d(gross), List.of(), d(gross),
                BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static PosRefund refund(String status, List<PosRefund.Line> lines, String amount, String tax,
            TenderKind kind) {
        String currency = amount.contains(".") ? "USD" : "JPY";
        return new PosRefund("r1", "square", "o1", "loc-1", currency, status, null, null, null, null, lines, d(amount),
                d(tax), List.of(new PosOrder.Tender("rt1", kind, d(amount), null, null, null, null)));
    }
}
