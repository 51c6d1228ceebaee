package io.tillbridge.connector.pos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A canonical POS order ({@code pos.orders}). Every amount is a decimal in {@link #currency()} with
 * the currency's digits, and tax-exclusive where the vendor priced tax-inclusive: the inclusive tax
 * is moved out of the line into {@link Line#tax()}, so that for every order
 * {@code lines + service charges + tips - discounts + taxes + rounding = tendered}
 * ({@link PosBalance}).
 *
 * @param id the vendor's order id
 * @param vendor {@code square}, {@code shopify}, {@code clover}
 * @param locationId the vendor's location id
 * @param currency ISO 4217 code
 * @param state open, completed or voided
 * @param createdAt when the order was created at the register (RFC 3339, UTC); an offline order
 *     keeps its original time even when it reached the vendor hours later
 * @param updatedAt the vendor's last change
 * @param closedAt when it reached a terminal state, or null
 * @param businessDay the location's business day of {@code createdAt}: its time zone and close-out
 *     hour (an order at 01:30 with a 04:00 close-out belongs to the day before)
 * @param businessDayEndsAt when that business day ends at the location (RFC 3339, UTC; see
 *     {@link PosLocation#businessDayEnd}): after it, no more sales join the day
 * @param version the vendor's version of the order (a counter or timestamp), compared so that an
 *     older copy never overwrites a newer one
 * @param customerId the vendor's customer id, or null
 * @param lines the order's lines
 * @param discounts order-level and line-level discounts as the vendor named them
 * @param taxes taxes by name and rate
 * @param serviceCharges service charges (delivery, large party), tax-exclusive
 * @param tips tips on the order
 * @param rounding cash rounding adjustment (negative when rounded down)
 * @param tenders how it was paid
 */
public record PosOrder(
        String id,
        String vendor,
        String locationId,
        String currency,
        OrderState state,
        String createdAt,
        String updatedAt,
        String closedAt,
        LocalDate businessDay,
        String businessDayEndsAt,
        String version,
        String customerId,
        List<Line> lines,
        List<Adjustment> discounts,
        List<Tax> taxes,
        List<Adjustment> serviceCharges,
        BigDecimal tips,
        BigDecimal rounding,
        List<Tender> tenders) {

    public PosOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        discounts = List.copyOf(discounts);
        taxes = List.copyOf(taxes);
        serviceCharges = List.copyOf(serviceCharges);
        tenders = List.copyOf(tenders);
        tips = tips == null ? BigDecimal.ZERO : tips;
        rounding = rounding == null ? BigDecimal.ZERO : rounding;
    }

    /** An order without the end of its business day (a record made before the model had it). */
    public PosOrder(String id, String vendor, String locationId, String currency, OrderState state, String createdAt,
            String updatedAt, String closedAt, LocalDate businessDay, String version, String customerId,
            List<Line> lines, List<Adjustment> discounts, List<Tax> taxes, List<Adjustment> serviceCharges,
            BigDecimal tips, BigDecimal rounding, List<Tender> tenders) {
        this(id, vendor, locationId, currency, state, createdAt, updatedAt, closedAt, businessDay, null, version,
                customerId, lines, discounts, taxes, serviceCharges, tips, rounding, tenders);
    }

    /**
     * One order line.
     *
     * @param id the vendor's line id (refunds point at it)
     * @param kind item, custom amount or gift card
     * @param itemId the catalog item, or null
     * @param variationId the catalog variation, or null
     * @param sku the variation's SKU, or null
     * @param name what the receipt says
     * @param category the catalog category of the line's item as the merchant named it in the POS,
     *     or null (custom amounts, gift cards, items without a category or no longer in the catalog)
     * @param quantity a decimal (1, 0.75 kg)
     * @param unitPrice the variation's price per unit, tax-exclusive
     * @param modifiers modifiers with their prices per unit
     * @param gross quantity x (unit price + modifiers), tax-exclusive, before discounts
     * @param discount the part of the order's discounts applied to this line
     * @param tax the tax on this line
     */
    public record Line(String id, LineKind kind, String itemId, String variationId, String sku, String name,
            String category, BigDecimal quantity, BigDecimal unitPrice, List<Modifier> modifiers, BigDecimal gross,
            BigDecimal discount, BigDecimal tax) {
        public Line {
            modifiers = List.copyOf(modifiers);
        }

        /** A line without a category. */
        public Line(String id, LineKind kind, String itemId, String variationId, String sku, String name,
                BigDecimal quantity, BigDecimal unitPrice, List<Modifier> modifiers, BigDecimal gross,
                BigDecimal discount, BigDecimal tax) {
            this(id, kind, itemId, variationId, sku, name, null, quantity, unitPrice, modifiers, gross, discount, tax);
        }
    }

    /** A modifier on a line ("extra shot"), priced per unit of the line. */
    public record Modifier(String id, String name, BigDecimal price) {
    }

    /** A discount or a service charge. */
    public record Adjustment(String id, String name, BigDecimal amount) {
    }

    /**
     * A tax.
     *
     * @param rate the percentage (8.875), or null when the vendor gives only the amount
     * @param inclusive whether the vendor's prices included it (it is still added here: the lines
     *     are tax-exclusive)
     */
    public record Tax(String id, String name, BigDecimal rate, BigDecimal amount, boolean inclusive) {
    }

    /**
     * A tender.
     *
     * @param amount what this tender paid, its tip included
     * @param tip the tip paid with this tender
     * @param fee the processing fee the vendor reports, or null
     * @param paymentId the vendor's payment id, or null
     */
    public record Tender(String id, TenderKind kind, BigDecimal amount, BigDecimal tip, BigDecimal fee,
            String paymentId, String cardBrand) {
    }

    /** The record's data in the SPI value model, with snake_case names and computed totals. */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("vendor", vendor);
        data.put("location_id", locationId);
        data.put("currency", currency);
        data.put("state", state.wire());
        data.put("created_at", createdAt);
        data.put("updated_at", updatedAt);
        data.put("closed_at", closedAt);
        data.put("business_day", businessDay == null ? null : businessDay.toString());
        data.put("business_day_ends_at", businessDayEndsAt);
        data.put("version", version);
        data.put("customer_id", customerId);
        List<Object> lineData = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("kind", l.kind().wire());
            m.put("item_id", l.itemId());
            m.put("variation_id", l.variationId());
            m.put("sku", l.sku());
            m.put("name", l.name());
            m.put("category", l.category());
            m.put("quantity", l.quantity());
            m.put("unit_price", l.unitPrice());
            List<Object> mods = new ArrayList<>();
            for (Modifier mod : l.modifiers()) {
                Map<String, Object> md = new LinkedHashMap<>();
                md.put("id", mod.id());
                md.put("name", mod.name());
                md.put("price", mod.price());
                mods.add(md);
            }
            m.put("modifiers", mods);
            m.put("gross", l.gross());
            m.put("discount", l.discount());
            m.put("tax", l.tax());
            m.put("net", l.gross().subtract(l.discount()).add(l.tax()));
            lineData.add(m);
        }
        data.put("lines", lineData);
        data.put("discounts", adjustments(discounts));
        List<Object> taxData = new ArrayList<>();
        for (Tax t : taxes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("name", t.name());
            m.put("rate", t.rate());
            m.put("amount", t.amount());
            m.put("inclusive", t.inclusive());
            taxData.add(m);
        }
        data.put("taxes", taxData);
        data.put("service_charges", adjustments(serviceCharges));
        data.put("tips", tips);
        data.put("rounding", rounding);
        List<Object> tenderData = new ArrayList<>();
        for (Tender t : tenders) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("kind", t.kind().wire());
            m.put("amount", t.amount());
            m.put("tip", t.tip());
            m.put("fee", t.fee());
            m.put("payment_id", t.paymentId());
            m.put("card_brand", t.cardBrand());
            tenderData.add(m);
        }
        data.put("tenders", tenderData);
        data.put("totals", PosBalance.totals(this).toData());
        data.put("postings", SalesPostings.ofOrder(data));
        return data;
    }

    private static List<Object> adjustments(List<Adjustment> adjustments) {
        List<Object> out = new ArrayList<>();
        for (Adjustment a : adjustments) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("name", a.name());
            m.put("amount", a.amount());
            out.add(m);
        }
        return out;
    }
}
