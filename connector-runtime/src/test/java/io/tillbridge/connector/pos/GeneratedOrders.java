package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;

/**
 * Completed canonical orders drawn from a seeded {@link Random} that keep the model's balance: lines
 * of every kind, discounts, taxes with and without a rate, service charges, tips, cash rounding either
 * way, and one to three tenders (card with or without a fee, cash, gift card, other) paying the total.
 */
public final class GeneratedOrders {

    private static final TenderKind[] KINDS = TenderKind.values();

    private GeneratedOrders() {
    }

    /** A balanced completed order in {@code currency} at {@code location} on {@code day}. */
    public static PosOrder order(Random r, String id, String currency, String location, LocalDate day) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        List<PosOrder.Line> lines = new ArrayList<>();
        BigDecimal gross = BigDecimal.ZERO;
        int lineCount = 1 + r.nextInt(4);
        for (int i = 0; i < lineCount; i++) {
            int roll = r.nextInt(10);
            LineKind kind = roll < 7 ? LineKind.ITEM : roll < 8 ? LineKind.CUSTOM_AMOUNT : LineKind.GIFT_CARD;
            BigDecimal amount = money(r, digits, 1, 5_000);
            gross = gross.add(amount);
            lines.add(new PosOrder.Line(id + "-L" + i, kind, null, null, null, "line " + i, BigDecimal.ONE, amount,
                    List.of(), amount, zero(digits), zero(digits)));
        }
        List<PosOrder.Adjustment> discounts = new ArrayList<>();
        if (r.nextBoolean()) {
            discounts.add(new PosOrder.Adjustment("d1", "Promo", money(r, digits, 0, gross.movePointRight(digits).intValue() / 2)));
        }
        List<PosOrder.Tax> taxes = new ArrayList<>();
        int taxCount = r.nextInt(3);
        for (int i = 0; i < taxCount; i++) {
            BigDecimal rate = r.nextBoolean() ? null : new BigDecimal(i == 0 ? "8.875" : "5");
            taxes.add(new PosOrder.Tax("t" + i, i == 0 ? "State" : "City", rate, money(r, digits, 0, 500), false));
        }
        List<PosOrder.Adjustment> charges = new ArrayList<>();
        if (r.nextInt(4) == 0) {
            charges.add(new PosOrder.Adjustment("s1", "Delivery", money(r, digits, 0, 800)));
        }
        BigDecimal tips = r.nextBoolean() ? money(r, digits, 0, 500) : zero(digits);
        BigDecimal rounding = digits == 0 ? zero(digits) : money(r, digits, -2, 2);
        PosOrder draft = new PosOrder(id, "square", location, currency, OrderState.COMPLETED, day + "T12:00:00Z",
                day + "T12:00:00Z", day + "T12:00:00Z", day, "1", null, lines, discounts, taxes, charges, tips, rounding,
                List.of());
        BigDecimal total = PosBalance.totals(draft).expected();
        List<PosOrder.Tender> tenders = new ArrayList<>();
        int tenderCount = 1 + r.nextInt(3);
        BigDecimal left = total;
        for (int i = 0; i < tenderCount; i++) {
            BigDecimal paid = i == tenderCount - 1 ? left
                    : left.multiply(BigDecimal.valueOf(r.nextInt(100))).movePointLeft(2).setScale(digits, java.math.RoundingMode.DOWN);
            left = left.subtract(paid);
            TenderKind kind = KINDS[r.nextInt(KINDS.length)];
            BigDecimal fee = kind == TenderKind.CARD && r.nextBoolean() ? money(r, digits, 0, 90) : null;
            tenders.add(new PosOrder.Tender(id + "-T" + i, kind, paid, i == 0 ? tips : zero(digits), fee, null, null));
        }
        return new PosOrder(id, "square", location, currency, OrderState.COMPLETED, draft.createdAt(), draft.updatedAt(),
                draft.closedAt(), day, "1", null, lines, discounts, taxes, charges, tips, rounding, tenders);
    }

    private static BigDecimal money(Random r, int digits, int minUnits, int maxUnits) {
        int units = minUnits + r.nextInt(Math.max(1, maxUnits - minUnits + 1));
        return BigDecimal.valueOf(units).movePointLeft(digits).setScale(digits);
    }

    private static BigDecimal zero(int digits) {
        return BigDecimal.ZERO.setScale(digits);
    }
}
