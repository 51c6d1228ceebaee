package io.tillbridge.templates;

import io.tillbridge.connector.pos.LineKind;
import io.tillbridge.connector.pos.OrderState;
import io.tillbridge.connector.pos.PosOrder;
import io.tillbridge.connector.pos.PosRefund;
import io.tillbridge.connector.pos.TenderKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Canonical POS records written by hand for the templates' mapping tests: each balances as the POS
 * model requires (lines + service charges + tips - discounts + taxes + rounding = tendered), in
 * currencies with 2 and 0 digits, with a processing fee on one tender and none on another.
 */
final class CanonicalSamples {

    private CanonicalSamples() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /**
     * A completed USD order at location L1 on 2026-12-05: a latte (2 x 4.50 + 0.60 oat milk) and a
     * croissant 3.25, a 1.00 discount on the latte, 8.875% tax, a 2.00 tip; paid 10.00 by card (tip
     * 2.00, fee 0.59) and the rest in cash.
     */
    static PosOrder cafeOrder() {
        PosOrder.Line latte = new PosOrder.Line("li-1", LineKind.ITEM, "it-latte", "va-latte-l", "LAT-L", "Latte large",
                d("2"), d("4.50"), List.of(new PosOrder.Modifier("mo-oat", "Oat milk", d("0.60"))), d("10.20"),
                d("1.00"), d("0.82"));
        PosOrder.Line croissant = new PosOrder.Line("li-2", LineKind.ITEM, "it-cro", "va-cro", "CRO", "Croissant",
                d("1"), d("3.25"), List.of(), d("3.25"), d("0.00"), d("0.29"));
        // lines 13.45 - discounts 1.00 + taxes 1.11 + tips 2.00 = 15.56 tendered.
        return new PosOrder("ord-cafe", "sample", "L1", "USD", OrderState.COMPLETED, "2026-12-05T09:14:00Z",
                "2026-12-05T09:15:02Z", "2026-12-05T09:15:00Z", LocalDate.parse("2026-12-05"), "3", "cust-7",
                List.of(latte, croissant), List.of(new PosOrder.Adjustment("di-1", "Staff", d("1.00"))),
                List.of(new PosOrder.Tax("tx-1", "Sales tax", d("8.875"), d("1.11"), false)), List.of(), d("2.00"),
                d("0.00"), List.of(
                        new PosOrder.Tender("te-1", TenderKind.CARD, d("10.00"), d("2.00"), d("0.59"), "pay-1", "VISA"),
                        new PosOrder.Tender("te-2", TenderKind.CASH, d("5.56"), d("0.00"), null, null, null)));
    }

    /** A second completed USD order at L1 on 2026-12-05: a croissant paid by card, fee 0.21. */
    static PosOrder secondCafeOrder() {
        PosOrder.Line croissant = new PosOrder.Line("li-9", LineKind.ITEM, "it-cro", "va-cro", "CRO", "Croissant",
                d("1"), d("3.25"), List.of(), d("3.25"), d("0.00"), d("0.29"));
        return new PosOrder("ord-cafe-2", "sample", "L1", "USD", OrderState.COMPLETED, "2026-12-05T10:02:00Z",
                "2026-12-05T10:02:30Z", "2026-12-05T10:02:20Z", LocalDate.parse("2026-12-05"), "1", null,
                List.of(croissant), List.of(), List.of(new PosOrder.Tax("tx-1", "Sales tax", d("8.875"), d("0.29"), false)),
                List.of(), d("0"), d("0.00"), List.of(
                        new PosOrder.Tender("te-9", TenderKind.CARD, d("3.54"), d("0.00"), d("0.21"), "pay-9", "AMEX")));
    }

    /** A completed JPY order at L2 on 2026-12-06: 0.75 of a matcha at 1200, 10% tax, paid by card; no fee reported. */
    static PosOrder yenOrder() {
        PosOrder.Line tea = new PosOrder.Line("li-j", LineKind.ITEM, "it-tea", "va-tea", "TEA", "Matcha",
                d("0.75"), d("1200"), List.of(), d("900"), d("0"), d("90"));
        return new PosOrder("ord-yen", "sample", "L2", "JPY", OrderState.COMPLETED, "2026-12-06T03:00:00Z",
                "2026-12-06T03:01:00Z", "2026-12-06T03:00:40Z", LocalDate.parse("2026-12-06"), "1", null,
                List.of(tea), List.of(), List.of(new PosOrder.Tax("tx-j", "Consumption tax", d("10"), d("90"), true)),
                List.of(), d("0"), d("0"), List.of(
                        new PosOrder.Tender("te-j", TenderKind.CARD, d("990"), d("0"), null, "pay-j", "JCB")));
    }

    /** A completed USD order with no location (an online sale), on 2026-12-05, paid by card. */
    static PosOrder onlineOrder() {
        PosOrder.Line croissant = new PosOrder.Line("li-w", LineKind.ITEM, "it-cro", "va-cro", "CRO", "Croissant",
                d("1"), d("3.25"), List.of(), d("3.25"), d("0.00"), d("0.29"));
        return new PosOrder("ord-web", "sample", null, "USD", OrderState.COMPLETED, "2026-12-05T13:00:00Z",
                "2026-12-05T13:00:10Z", "2026-12-05T13:00:05Z", LocalDate.parse("2026-12-05"), "1", null,
                List.of(croissant), List.of(), List.of(new PosOrder.Tax("tx-1", "Sales tax", d("8.875"), d("0.29"), false)),
                List.of(), d("0"), d("0.00"), List.of(
                        new PosOrder.Tender("te-w", TenderKind.CARD, d("3.54"), d("0.00"), null, null, null)));
    }

    /** A voided USD order at L1 on 2026-12-05: one croissant, no tenders. */
    static PosOrder voidedOrder() {
        PosOrder.Line croissant = new PosOrder.Line("li-v", LineKind.ITEM, "it-cro", "va-cro", "CRO", "Croissant",
                d("1"), d("3.25"), List.of(), d("3.25"), d("0.00"), d("0.29"));
        return new PosOrder("ord-void", "sample", "L1", "USD", OrderState.VOIDED, "2026-12-05T11:00:00Z",
                "2026-12-05T11:04:00Z", "2026-12-05T11:03:00Z", LocalDate.parse("2026-12-05"), "2", null,
                List.of(croissant), List.of(), List.of(new PosOrder.Tax("tx-1", "Sales tax", d("8.875"), d("0.29"), false)),
                List.of(), d("0"), d("0.00"), List.of());
    }

    /** An open USD order at L1 on 2026-12-05, partly paid in cash: not a sale yet. */
    static PosOrder openOrder() {
        PosOrder.Line croissant = new PosOrder.Line("li-o", LineKind.ITEM, "it-cro", "va-cro", "CRO", "Croissant",
                d("2"), d("3.25"), List.of(), d("6.50"), d("0.00"), d("0.58"));
        return new PosOrder("ord-open", "sample", "L1", "USD", OrderState.OPEN, "2026-12-05T12:00:00Z",
                "2026-12-05T12:00:10Z", null, LocalDate.parse("2026-12-05"), "1", null,
                List.of(croissant), List.of(), List.of(new PosOrder.Tax("tx-1", "Sales tax", d("8.875"), d("0.58"), false)),
                List.of(), d("0"), d("0.00"), List.of(
                        new PosOrder.Tender("te-o", TenderKind.CASH, d("5.00"), d("0.00"), null, null, null)));
    }

    /** A completed refund of the cafe order's croissant, on 2026-12-06, back to the card. */
    static PosRefund refund() {
        return new PosRefund("ref-1", "sample", "ord-cafe", "L1", "USD", "completed", "2026-12-06T08:00:00Z",
                "2026-12-06T08:00:05Z", LocalDate.parse("2026-12-06"), "Stale",
                List.of(new PosRefund.Line("li-2", "CRO", d("1"), d("3.54"), d("0.29"))), d("3.54"), d("0.29"),
                List.of(new PosOrder.Tender("rt-1", TenderKind.CARD, d("3.54"), null, null, "pay-1", null)));
    }

    static List<Map<String, Object>> orders() {
        return List.of(cafeOrder().toData(), secondCafeOrder().toData(), yenOrder().toData(), voidedOrder().toData(),
                openOrder().toData());
    }
}
