package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A canonical payment ({@code pos.payments}): one tender as the payment processor saw it.
 *
 * @param amount what was charged, tip included
 * @param refunded what has been refunded of it so far
 * @param fee the processing fee, or null when the vendor does not report it
 * @param status approved, pending, completed, canceled or failed (lower case)
 * @param businessDayEndsAt when the payment's business day ends at the location (RFC 3339, UTC; see
 *     {@link PosLocation#businessDayEnd})
 */
public record PosPayment(String id, String vendor, String orderId, String locationId, String currency,
        TenderKind kind, String status, String createdAt, String updatedAt, LocalDate businessDay,
        String businessDayEndsAt, BigDecimal amount, BigDecimal tip, BigDecimal refunded, BigDecimal fee,
        String cardBrand, boolean offline) {

    /** A payment without the end of its business day (a record made before the model had it). */
    public PosPayment(String id, String vendor, String orderId, String locationId, String currency, TenderKind kind,
            String status, String createdAt, String updatedAt, LocalDate businessDay, BigDecimal amount,
            BigDecimal tip, BigDecimal refunded, BigDecimal fee, String cardBrand, boolean offline) {
        this(id, vendor, orderId, locationId, currency, kind, status, createdAt, updatedAt, businessDay, null, amount,
                tip, refunded, fee, cardBrand, offline);
    }

    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("vendor", vendor);
        data.put("order_id", orderId);
        data.put("location_id", locationId);
        data.put("currency", currency);
        data.put("kind", kind.wire());
        data.put("status", status);
        data.put("created_at", createdAt);
        data.put("updated_at", updatedAt);
        data.put("business_day", businessDay == null ? null : businessDay.toString());
        data.put("business_day_ends_at", businessDayEndsAt);
        data.put("amount", amount);
        data.put("tip", tip);
        data.put("refunded", refunded);
        data.put("fee", fee);
        data.put("card_brand", cardBrand);
        data.put("offline", offline);
        return data;
    }
}
