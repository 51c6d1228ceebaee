package io.tillbridge.templates;

import static io.tillbridge.templates.TemplateEndToEnd.plain;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the daily sales summary must hold for a set of canonical orders, computed here from the
 * records themselves (not by the mapping engine): per business day, location, tender kind and
 * currency of completed orders, the sums of the tenders' amounts, tips and fees (a missing tip or fee
 * counts 0), how many reported a fee, and how many tenders there were.
 */
final class DailySums {

    private DailySums() {
    }

    /** The sums of one group, in plain numbers: {@code amount|tip|fee|fees_reported|tenders}. */
    record Sums(BigDecimal amount, BigDecimal tip, BigDecimal fee, BigDecimal feesReported, BigDecimal tenders) {
        Sums add(Map<String, Object> tender) {
            BigDecimal fee = (BigDecimal) tender.get("fee");
            return new Sums(amount.add((BigDecimal) tender.get("amount")), tip.add(orZero(tender.get("tip"))),
                    fee == null ? this.fee : this.fee.add(fee), fee == null ? feesReported : feesReported.add(BigDecimal.ONE),
                    tenders.add(BigDecimal.ONE));
        }

        String plainRow() {
            return plain(amount) + "|" + plain(tip) + "|" + plain(fee) + "|" + plain(feesReported) + "|" + plain(tenders);
        }

        private static BigDecimal orZero(Object value) {
            return value == null ? BigDecimal.ZERO : (BigDecimal) value;
        }
    }

    private static final Sums NONE = new Sums(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);

    /** By {@code business_day|location_id|tender kind|currency} ("null" for a missing value), sorted. */
    @SuppressWarnings("unchecked")
    static Map<String, Sums> of(Collection<Map<String, Object>> orders) {
        Map<String, Sums> out = new TreeMap<>();
        for (Map<String, Object> order : orders) {
            if (!"completed".equals(order.get("state"))) {
                continue;
            }
            for (Map<String, Object> tender : (List<Map<String, Object>>) order.get("tenders")) {
                out.merge(order.get("business_day") + "|" + order.get("location_id") + "|" + tender.get("kind") + "|"
                        + order.get("currency"), NONE.add(tender), (a, b) -> a.add(tender));
            }
        }
        return out;
    }

    /** The group's row of a summary's output, in the form of {@link Sums#plainRow}. */
    static String plainRow(Map<String, Object> group) {
        return plain(group.get("amount")) + "|" + plain(group.get("tip")) + "|" + plain(group.get("fee")) + "|"
                + plain(group.get("fees_reported")) + "|" + plain(group.get("tenders"));
    }

    /** The group's key in the form of {@link #of}. */
    static String key(Map<String, Object> group) {
        return group.get("business_day") + "|" + group.get("location_id") + "|" + group.get("tender_kind") + "|"
                + group.get("currency");
    }
}
