package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An order's totals and the identity every canonical order keeps, to the cent:
 * {@code lines + service charges + tips - discounts + taxes + rounding = tendered}.
 */
public final class PosBalance {

    private PosBalance() {
    }

    /**
     * The order's totals.
     *
     * @param lines the lines' gross, gift-card sales included
     * @param giftCardSales the gross of gift-card lines: a liability, not revenue
     * @param revenue {@code lines - giftCardSales - discounts}
     * @param expected what the tenders should add up to
     * @param tendered what they do add up to
     */
    public record Totals(BigDecimal lines, BigDecimal giftCardSales, BigDecimal discounts, BigDecimal taxes,
            BigDecimal serviceCharges, BigDecimal tips, BigDecimal rounding, BigDecimal revenue,
            BigDecimal expected, BigDecimal tendered, BigDecimal fees) {

        /** Whether the tenders pay exactly what the order adds up to. */
        public boolean balanced() {
            return expected.compareTo(tendered) == 0;
        }

        public Map<String, Object> toData() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lines", lines);
            m.put("gift_card_sales", giftCardSales);
            m.put("discounts", discounts);
            m.put("taxes", taxes);
            m.put("service_charges", serviceCharges);
            m.put("tips", tips);
            m.put("rounding", rounding);
            m.put("revenue", revenue);
            m.put("total", expected);
            m.put("tendered", tendered);
            m.put("fees", fees);
            return m;
        }
    }

    public static Totals totals(PosOrder order) {
        BigDecimal lines = BigDecimal.ZERO;
        BigDecimal giftCards = BigDecimal.ZERO;
        for (PosOrder.Line l : order.lines()) {
            lines = lines.add(l.gross());
            if (l.kind() == LineKind.GIFT_CARD) {
                giftCards = giftCards.add(l.gross());
            }
        }
        BigDecimal discounts = sum(order.discounts().stream().map(PosOrder.Adjustment::amount));
        BigDecimal taxes = sum(order.taxes().stream().map(PosOrder.Tax::amount));
        BigDecimal charges = sum(order.serviceCharges().stream().map(PosOrder.Adjustment::amount));
        BigDecimal tendered = sum(order.tenders().stream().map(PosOrder.Tender::amount));
        BigDecimal fees = sum(order.tenders().stream().map(t -> t.fee() == null ? BigDecimal.ZERO : t.fee()));
        BigDecimal expected = lines.add(charges).add(order.tips()).subtract(discounts).add(taxes).add(order.rounding());
        BigDecimal revenue = lines.subtract(giftCards).subtract(discounts);
        return new Totals(lines, giftCards, discounts, taxes, charges, order.tips(), order.rounding(), revenue,
                expected, tendered, fees);
    }

    private static BigDecimal sum(java.util.stream.Stream<BigDecimal> amounts) {
        return amounts.reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
