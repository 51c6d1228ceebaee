package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The double-entry postings of a canonical order or refund: which account keys it debits and
 * credits, before any merchant's chart of accounts. A mapping turns the keys into the merchant's
 * accounts with a value map and sums them into a daily sales journal (docs/pos-model.md,
 * "Postings").
 *
 * <p>A posting is {@code {account_key, debit, credit}}: both decimals with the currency's digits
 * (ISO 4217), one of them zero. Postings of the same key and side are summed, zero postings are left
 * out, and a negative amount is posted on the other side, so that every amount is positive. The
 * postings of a completed order balance exactly whenever the order keeps the model's identity
 * {@code lines + service charges + tips - discounts + taxes + rounding = tendered} ({@link PosBalance});
 * those of a completed refund whenever its tenders add up to its amount. Orders and refunds in any
 * other state have none: nothing was sold or given back yet.
 *
 * <p>Computed from the record's data (its {@code toData()}), so every POS connector emits them
 * without code of its own; a line's {@code category} is read when the data has one.
 */
public final class SalesPostings {

    /** The category of lines whose category is not known. */
    public static final String UNCATEGORIZED = "Uncategorized";

    private SalesPostings() {
    }

    /** The postings of an order's data ({@link PosOrder#toData()}); empty unless it is completed. */
    public static List<Map<String, Object>> ofOrder(Map<String, Object> order) {
        if (!OrderState.COMPLETED.wire().equals(order.get("state"))) {
            return List.of();
        }
        Ledger ledger = new Ledger(digits(order));
        for (Map<String, Object> line : list(order.get("lines"))) {
            BigDecimal gross = amount(line.get("gross"));
            if (LineKind.GIFT_CARD.wire().equals(line.get("kind"))) {
                ledger.credit("gift_card:sales", gross);
            } else {
                ledger.credit("sales:" + category(line), gross);
            }
        }
        BigDecimal discounts = BigDecimal.ZERO;
        for (Map<String, Object> discount : list(order.get("discounts"))) {
            discounts = discounts.add(amount(discount.get("amount")));
        }
        ledger.debit("discounts", discounts);
        for (Map<String, Object> tax : list(order.get("taxes"))) {
            Object rate = tax.get("rate");
            String name = "tax:" + tax.get("name")
                    + (rate == null ? "" : " " + amount(rate).stripTrailingZeros().toPlainString() + "%");
            ledger.credit(name, amount(tax.get("amount")));
        }
        for (Map<String, Object> charge : list(order.get("service_charges"))) {
            ledger.credit("service_charges:" + charge.get("name"), amount(charge.get("amount")));
        }
        ledger.credit("tips", amount(order.get("tips")));
        ledger.credit("rounding", amount(order.get("rounding")));
        for (Map<String, Object> tender : list(order.get("tenders"))) {
            String account = tenderAccount(tender);
            ledger.debit(account, amount(tender.get("amount")));
            Object fee = tender.get("fee");
            if (fee != null) {
                ledger.debit("fees:" + tender.get("kind"), amount(fee));
                ledger.credit(account, amount(fee));
            }
        }
        return ledger.postings();
    }

    /**
     * The postings of a refund's data ({@link PosRefund#toData()}); empty unless it is completed, and
     * empty for a refund an order already carries ({@code settled_in_order_id}): that order's
     * postings book it.
     */
    public static List<Map<String, Object>> ofRefund(Map<String, Object> refund) {
        if (!"completed".equals(refund.get("status")) || refund.get("settled_in_order_id") != null) {
            return List.of();
        }
        Ledger ledger = new Ledger(digits(refund));
        BigDecimal amount = amount(refund.get("amount"));
        BigDecimal tax = amount(refund.get("tax"));
        // What the lines do not account for (an amount-only refund, shipping or a tip given back).
        BigDecimal rest = amount.subtract(tax);
        for (Map<String, Object> line : list(refund.get("lines"))) {
            BigDecimal net = amount(line.get("amount")).subtract(amount(line.get("tax")));
            ledger.debit("refunds:" + category(line), net);
            rest = rest.subtract(net);
        }
        ledger.debit("refunds:" + UNCATEGORIZED, rest);
        ledger.debit("tax:refunded", tax);
        for (Map<String, Object> tender : list(refund.get("tenders"))) {
            ledger.credit(tenderAccount(tender), amount(tender.get("amount")));
        }
        return ledger.postings();
    }

    private static String tenderAccount(Map<String, Object> tender) {
        return TenderKind.GIFT_CARD.wire().equals(tender.get("kind")) ? "gift_card:redemptions"
                : "tender:" + tender.get("kind");
    }

    private static String category(Map<String, Object> line) {
        Object category = line.get("category");
        return category == null || category.toString().isBlank() ? UNCATEGORIZED : category.toString();
    }

    /** The currency's digits; for a code the JDK does not know, the most digits the record's amounts have. */
    private static int digits(Map<String, Object> record) {
        Object code = record.get("currency");
        try {
            int digits = Currency.getInstance(String.valueOf(code)).getDefaultFractionDigits();
            if (digits >= 0) {
                return digits;
            }
        } catch (IllegalArgumentException e) {
            // Not an ISO 4217 code the JDK knows: fall through.
        }
        return -1;
    }

    private static BigDecimal amount(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not an amount", e);
            }
        }
        throw new IllegalArgumentException(value.getClass().getSimpleName() + " is not an amount");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    /** Signed amounts per account key (debits positive), in first-posted order. */
    private static final class Ledger {
        private final int digits;
        private final Map<String, BigDecimal> debits = new LinkedHashMap<>();
        private final Map<String, BigDecimal> credits = new LinkedHashMap<>();
        private final List<String[]> order = new ArrayList<>();

        Ledger(int digits) {
            this.digits = digits;
        }

        void debit(String key, BigDecimal amount) {
            post(key, amount);
        }

        void credit(String key, BigDecimal amount) {
            post(key, amount.negate());
        }

        private void post(String key, BigDecimal signed) {
            if (signed.signum() == 0) {
                return;
            }
            Map<String, BigDecimal> side = signed.signum() > 0 ? debits : credits;
            BigDecimal before = side.get(key);
            if (before == null) {
                order.add(new String[] {key, side == debits ? "d" : "c"});
            }
            side.put(key, (before == null ? BigDecimal.ZERO : before).add(signed.abs()));
        }

        List<Map<String, Object>> postings() {
            List<Map<String, Object>> out = new ArrayList<>(order.size());
            for (String[] entry : order) {
                boolean debit = "d".equals(entry[1]);
                BigDecimal amount = (debit ? debits : credits).get(entry[0]);
                Map<String, Object> posting = new LinkedHashMap<>();
                posting.put("account_key", entry[0]);
                posting.put("debit", scaled(debit ? amount : BigDecimal.ZERO));
                posting.put("credit", scaled(debit ? BigDecimal.ZERO : amount));
                out.add(posting);
            }
            return out;
        }

        private BigDecimal scaled(BigDecimal amount) {
            if (digits < 0) {
                return amount;
            }
            // Exact: amounts of the model carry at most the currency's digits (setScale refuses to round).
            return amount.setScale(Math.max(digits, amount.stripTrailingZeros().scale()));
        }
    }
}
