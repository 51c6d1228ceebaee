package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canonical refund or return ({@code pos.refunds}), linked to its order and, where the vendor
 * says which, to the original lines. Amounts are positive: what went back to the customer.
 *
 * @param id the vendor's refund (or return) id
 * @param orderId the original order
 * @param status pending, completed, rejected or failed (lower case)
 * @param businessDay the location's business day of {@code createdAt}, not of the original order
 * @param businessDayEndsAt when that business day ends at the location (RFC 3339, UTC; see
 *     {@link PosLocation#businessDayEnd})
 * @param lines the returned lines; empty for an amount-only refund
 * @param amount the total refunded, tax included
 * @param tax the tax refunded
 * @param tenders the tenders the money went back to
 * @param settledInOrderId the order that already carries this refund in its own lines and tenders (a
 *     return rung up as an exchange or a return order: its returned lines are negative lines there),
 *     or null; such a refund posts nothing of its own, or it would be booked twice
 */
public record PosRefund(String id, String vendor, String orderId, String locationId, String currency, String status,
        String createdAt, String updatedAt, LocalDate businessDay, String businessDayEndsAt, String reason,
        List<Line> lines, BigDecimal amount, BigDecimal tax, List<PosOrder.Tender> tenders, String settledInOrderId) {

    public PosRefund {
        lines = List.copyOf(lines);
        tenders = List.copyOf(tenders);
    }

    /** A refund of its own: no order carries it. */
    public PosRefund(String id, String vendor, String orderId, String locationId, String currency, String status,
            String createdAt, String updatedAt, LocalDate businessDay, String businessDayEndsAt, String reason,
            List<Line> lines, BigDecimal amount, BigDecimal tax, List<PosOrder.Tender> tenders) {
        this(id, vendor, orderId, locationId, currency, status, createdAt, updatedAt, businessDay, businessDayEndsAt,
                reason, lines, amount, tax, tenders, null);
    }

    /** A refund without the end of its business day (a record made before the model had it). */
    public PosRefund(String id, String vendor, String orderId, String locationId, String currency, String status,
            String createdAt, String updatedAt, LocalDate businessDay, String reason, List<Line> lines,
            BigDecimal amount, BigDecimal tax, List<PosOrder.Tender> tenders) {
        this(id, vendor, orderId, locationId, currency, status, createdAt, updatedAt, businessDay, null, reason, lines,
                amount, tax, tenders);
    }

    /**
     * A returned line: the original line's id, how many, and what went back for them.
     *
     * @param category the original line's category ({@link PosOrder.Line#category}), or null when the
     *     returned line is not known
     */
    public record Line(String originalLineId, String sku, String category, BigDecimal quantity, BigDecimal amount,
            BigDecimal tax) {

        /** A returned line without a category. */
        public Line(String originalLineId, String sku, BigDecimal quantity, BigDecimal amount, BigDecimal tax) {
            this(originalLineId, sku, null, quantity, amount, tax);
        }
    }

    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("vendor", vendor);
        data.put("order_id", orderId);
        data.put("location_id", locationId);
        data.put("currency", currency);
        data.put("status", status);
        data.put("created_at", createdAt);
        data.put("updated_at", updatedAt);
        data.put("business_day", businessDay == null ? null : businessDay.toString());
        data.put("business_day_ends_at", businessDayEndsAt);
        data.put("reason", reason);
        List<Object> lineData = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("original_line_id", l.originalLineId());
            m.put("sku", l.sku());
            m.put("category", l.category());
            m.put("quantity", l.quantity());
            m.put("amount", l.amount());
            m.put("tax", l.tax());
            lineData.add(m);
        }
        data.put("lines", lineData);
        data.put("amount", amount);
        data.put("tax", tax);
        List<Object> tenderData = new ArrayList<>();
        for (PosOrder.Tender t : tenders) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("kind", t.kind().wire());
            m.put("amount", t.amount());
            m.put("payment_id", t.paymentId());
            tenderData.add(m);
        }
        data.put("tenders", tenderData);
        data.put("settled_in_order_id", settledInOrderId);
        data.put("postings", SalesPostings.ofRefund(data));
        return data;
    }
}
