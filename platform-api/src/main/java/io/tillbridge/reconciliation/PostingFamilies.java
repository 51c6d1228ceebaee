package io.tillbridge.reconciliation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The families a journal line's description (the canonical posting's {@code account_key}) belongs
 * to, and a journal's lines summed by family. Families: {@code sales} (sales:* and
 * service_charges:*), {@code discounts}, {@code tax} (tax:*), {@code tips}, {@code gift_cards}
 * (gift_card:*), one per tender kind ({@code tender:card}, {@code tender:cash}, ...), {@code fees}
 * (fees:*), {@code refunds} (refunds:*), {@code rounding}, and {@code other} for any other key.
 * Amounts are debits minus credits, exact, so a family of credits (sales, tax, tips) sums negative.
 */
public final class PostingFamilies {

    /** The longest tender kind kept as a family of its own; longer ones count as {@code tender:other}. */
    static final int MAX_TENDER_KIND = 40;

    private PostingFamilies() {
    }

    /** The family of one line's description. */
    public static String of(String description) {
        String d = description == null ? "" : description.trim();
        if (d.startsWith("sales:") || d.startsWith("service_charges:")) {
            return "sales";
        }
        if (d.equals("discounts") || d.startsWith("discounts:")) {
            return "discounts";
        }
        if (d.startsWith("tax:")) {
            return "tax";
        }
        if (d.equals("tips")) {
            return "tips";
        }
        if (d.startsWith("gift_card:")) {
            return "gift_cards";
        }
        if (d.startsWith("tender:")) {
            String kind = d.substring("tender:".length());
            return kind.isEmpty() || kind.length() > MAX_TENDER_KIND || !kind.matches("[A-Za-z0-9_\\-]+")
                    ? "tender:other" : "tender:" + kind;
        }
        if (d.startsWith("fees:")) {
            return "fees";
        }
        if (d.startsWith("refunds:")) {
            return "refunds";
        }
        if (d.equals("rounding")) {
            return "rounding";
        }
        return "other";
    }

    /**
     * A journal's lines (the document form: {@code lines[{description, debit, credit}]}) summed by
     * family, debits minus credits; families that net to zero are kept (they were posted).
     */
    public static Map<String, BigDecimal> summarise(Map<String, Object> document) {
        Map<String, BigDecimal> out = new TreeMap<>();
        Object lines = document == null ? null : document.get("lines");
        if (!(lines instanceof Iterable<?> list)) {
            return out;
        }
        for (Object l : list) {
            if (!(l instanceof Map<?, ?> line)) {
                continue;
            }
            Object description = line.get("description");
            BigDecimal net = decimal(line.get("debit")).subtract(decimal(line.get("credit")));
            out.merge(of(description == null ? null : description.toString()), net, BigDecimal::add);
        }
        return out;
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a journal line amount is not a number: " + value, e);
        }
    }
}
