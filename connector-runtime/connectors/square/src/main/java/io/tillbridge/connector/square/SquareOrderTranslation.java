package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.LineKind;
import io.tillbridge.connector.pos.OrderState;
import io.tillbridge.connector.pos.PosOrder;
import io.tillbridge.connector.pos.PosRefund;
import io.tillbridge.connector.pos.TenderKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Square {@code Order} as a canonical {@link PosOrder} and its refunds and returns as
 * {@link PosRefund}s (docs/pos-model.md).
 *
 * <ul>
 *   <li>Money: Square's minor units as decimals with the currency's digits ({@link SquareMoney}).</li>
 *   <li>Lines are tax-exclusive. A line with an {@code INCLUSIVE} tax has its gross (its total plus
 *       its discount) reduced by the tax that gross contains; its discount is then what makes
 *       {@code gross - discount + tax} equal Square's {@code total_money} of the line, so the order
 *       balances to the minor unit whether Square kept the tax in {@code gross_sales_money} (Europe)
 *       or not (US, Japan). An additive line's gross is {@code total - tax + discount}, which is the
 *       variation total plus the modifiers.</li>
 *   <li>The order's discounts and taxes are the lines' shares by the discount or tax each line
 *       applied ({@code applied_discounts}, {@code applied_taxes}), so that they add up to the lines'.
 *       A service charge counts without its tax, which goes to the taxes.</li>
 *   <li>An order with {@code returns[]} (a return or an exchange) has its returned lines as negative
 *       lines, and the refunds it carries for another order's tenders as negative tenders: the net
 *       difference is what its tenders carry. A refund of the order's own tender (an amount-only
 *       refund) is a {@code pos.refunds} record only.</li>
 * </ul>
 */
final class SquareOrderTranslation {

    private static final String VENDOR = "square";

    private final SquareLocations locations;
    /** The lines' items and SKUs; null where no lookup is wanted (the lines then have none). */
    private final SquareVariations variations;

    SquareOrderTranslation(SquareLocations locations) {
        this(locations, null);
    }

    SquareOrderTranslation(SquareLocations locations, SquareVariations variations) {
        this.locations = locations;
        this.variations = variations;
    }

    PosOrder order(JsonNode o) {
        SquareMoney money = SquareMoney.of(currency(o));
        if (variations != null) {
            variations.load(variationIds(List.of(o)));
        }
        Map<String, JsonNode> taxes = byUid(o.path("taxes"));
        o.path("returns").forEach(ret -> taxes.putAll(byUid(ret.path("return_taxes"))));
        Map<String, Share> discountShares = new LinkedHashMap<>();
        Map<String, Share> taxShares = new LinkedHashMap<>();
        List<PosOrder.Line> lines = new ArrayList<>();
        for (JsonNode item : o.path("line_items")) {
            lines.add(line(item, item.path("uid").asText(), 1, money, taxes, discountShares, taxShares));
        }
        for (JsonNode ret : o.path("returns")) {
            for (JsonNode item : ret.path("return_line_items")) {
                lines.add(line(item, item.path("uid").asText(), -1, money, taxes, discountShares, taxShares));
            }
        }
        List<PosOrder.Adjustment> charges = new ArrayList<>();
        for (JsonNode sc : o.path("service_charges")) {
            long tax = money.minor(sc.path("total_tax_money"));
            charges.add(new PosOrder.Adjustment(sc.path("uid").asText(), sc.path("name").asText(null),
                    money.decimal(money.minor(sc.path("total_money")) - tax)));
            share(sc.path("applied_taxes"), "tax_uid", tax, taxShares);
        }
        List<PosOrder.Adjustment> discounts = new ArrayList<>();
        Map<String, JsonNode> orderDiscounts = byUid(o.path("discounts"));
        discountShares.forEach((uid, share) -> discounts.add(new PosOrder.Adjustment(uid.isEmpty() ? null : uid,
                orderDiscounts.containsKey(uid) ? orderDiscounts.get(uid).path("name").asText(null) : "Discount",
                money.decimal(share.amount))));
        List<PosOrder.Tax> taxList = new ArrayList<>();
        taxShares.forEach((uid, share) -> {
            JsonNode t = taxes.get(uid);
            taxList.add(new PosOrder.Tax(uid.isEmpty() ? null : uid, t == null ? "Tax" : t.path("name").asText(null),
                    t != null && t.hasNonNull("percentage") ? new BigDecimal(t.path("percentage").asText()) : null,
                    money.decimal(share.amount), t != null && "INCLUSIVE".equals(t.path("type").asText())));
        });
        List<PosOrder.Tender> tenders = new ArrayList<>();
        Set<String> ownTenders = new HashSet<>();
        for (JsonNode t : o.path("tenders")) {
            ownTenders.add(t.path("id").asText());
            tenders.add(tender(t, money));
        }
        if (o.path("returns").size() > 0) {
            for (JsonNode r : o.path("refunds")) {
                if (!ownTenders.contains(r.path("tender_id").asText()) && counts(r)) {
                    tenders.add(new PosOrder.Tender(r.path("id").asText(), TenderKind.OTHER,
                            money.decimal(-money.minor(r.path("amount_money"))), money.zero(), null,
                            r.path("tender_id").asText(null), null));
                }
            }
        }
        JsonNode rounding = o.path("rounding_adjustment").path("amount_money");
        String created = o.path("created_at").asText(null);
        String location = o.path("location_id").asText(null);
        LocalDate day = locations.businessDay(location, created);
        return new PosOrder(o.path("id").asText(), VENDOR, location, money.currency(), state(o), created,
                o.path("updated_at").asText(null), o.path("closed_at").asText(null),
                day, locations.businessDayEnd(location, day), version(o), o.path("customer_id").asText(null), lines,
                discounts, taxList, charges, money.decimal(money.minor(o.path("total_tip_money"))),
                money.decimal(money.minor(rounding)), tenders);
    }

    /** The catalog variations the orders' lines and return lines sell (null for a line without one). */
    static List<String> variationIds(List<JsonNode> orders) {
        List<String> ids = new ArrayList<>();
        for (JsonNode o : orders) {
            o.path("line_items").forEach(item -> ids.add(item.path("catalog_object_id").asText(null)));
            o.path("returns").forEach(ret -> ret.path("return_line_items")
                    .forEach(item -> ids.add(item.path("catalog_object_id").asText(null))));
        }
        return ids;
    }

    /**
     * The order's refunds: one per return (with its lines), one per amount-only refund of its own
     * tenders. A returned line's category is its variation's, as the returned order line's: Square's
     * {@code OrderReturnLineItem} carries the {@code catalog_object_id} of the line it returns.
     */
    List<PosRefund> refunds(JsonNode o) {
        if (variations != null) {
            variations.load(variationIds(List.of(o)));
        }
        SquareMoney money = SquareMoney.of(currency(o));
        String location = o.path("location_id").asText(null);
        List<PosRefund> out = new ArrayList<>();
        Map<String, JsonNode> ownTenders = new LinkedHashMap<>();
        o.path("tenders").forEach(t -> ownTenders.put(t.path("id").asText(), t));
        List<PosOrder.Tender> returnTenders = new ArrayList<>();
        String returnReason = null;
        for (JsonNode r : o.path("refunds")) {
            PosOrder.Tender tender = new PosOrder.Tender(r.path("tender_id").asText(null),
                    ownTenders.containsKey(r.path("tender_id").asText())
                            ? kind(ownTenders.get(r.path("tender_id").asText())) : TenderKind.OTHER,
                    money.decimal(money.minor(r.path("amount_money"))), null, null, r.path("tender_id").asText(null),
                    null);
            if (ownTenders.containsKey(r.path("tender_id").asText()) || o.path("returns").isEmpty()) {
                String created = r.path("created_at").asText(o.path("updated_at").asText(null));
                LocalDate day = locations.businessDay(location, created);
                out.add(new PosRefund(r.path("id").asText(), VENDOR, o.path("id").asText(), location,
                        money.currency(), refundStatus(r.path("status").asText()), created,
                        o.path("updated_at").asText(null), day, locations.businessDayEnd(location, day),
                        r.path("reason").asText(null), List.of(), tender.amount(), money.zero(), List.of(tender)));
            } else if (counts(r)) {
                returnTenders.add(tender);
                returnReason = returnReason == null ? r.path("reason").asText(null) : returnReason;
            }
        }
        for (int i = 0; i < o.path("returns").size(); i++) {
            JsonNode ret = o.path("returns").get(i);
            List<PosRefund.Line> lines = new ArrayList<>();
            for (JsonNode item : ret.path("return_line_items")) {
                String original = item.path("source_line_item_uid").asText(null);
                lines.add(new PosRefund.Line(original, null, original == null ? null : category(item),
                        new BigDecimal(item.path("quantity").asText("0")),
                        money.decimal(money.minor(item.path("total_money"))),
                        money.decimal(money.minor(item.path("total_tax_money")))));
            }
            JsonNode amounts = ret.path("return_amounts");
            String created = o.path("created_at").asText(null);
            LocalDate day = locations.businessDay(location, created);
            out.add(new PosRefund(ret.path("uid").asText(), VENDOR, ret.path("source_order_id").asText(null), location,
                    money.currency(), "completed", created, o.path("updated_at").asText(null),
                    day, locations.businessDayEnd(location, day), returnReason, lines,
                    money.decimal(money.minor(amounts.path("total_money"))),
                    money.decimal(money.minor(amounts.path("tax_money"))),
                    i == 0 ? returnTenders : List.of(), o.path("id").asText(null)));
        }
        return out;
    }

    static String version(JsonNode o) {
        return o.hasNonNull("version") ? o.path("version").asText() : o.path("updated_at").asText("");
    }

    private PosOrder.Line line(JsonNode item, String id, int sign, SquareMoney money, Map<String, JsonNode> taxes,
            Map<String, Share> discountShares, Map<String, Share> taxShares) {
        BigDecimal quantity = new BigDecimal(item.path("quantity").asText("1"));
        LineKind kind = switch (item.path("item_type").asText("ITEM")) {
            case "GIFT_CARD" -> LineKind.GIFT_CARD;
            case "CUSTOM_AMOUNT" -> LineKind.CUSTOM_AMOUNT;
            default -> LineKind.ITEM;
        };
        long total = money.minor(item.path("total_money"));
        long tax = money.minor(item.path("total_tax_money"));
        long discount = money.minor(item.path("total_discount_money"));
        BigDecimal inclusiveRate = null;
        for (JsonNode applied : item.path("applied_taxes")) {
            JsonNode t = taxes.get(applied.path("tax_uid").asText());
            if (t != null && "INCLUSIVE".equals(t.path("type").asText()) && t.hasNonNull("percentage")) {
                BigDecimal rate = new BigDecimal(t.path("percentage").asText());
                inclusiveRate = inclusiveRate == null ? rate : inclusiveRate.add(rate);
            }
        }
        List<PosOrder.Modifier> modifiers = new ArrayList<>();
        for (JsonNode m : item.path("modifiers")) {
            modifiers.add(new PosOrder.Modifier(m.path("catalog_object_id").asText(m.path("uid").asText(null)),
                    m.path("name").asText(null),
                    money.decimal(exclusive(money.minor(m.path("base_price_money")), inclusiveRate))));
        }
        long gross;
        if (inclusiveRate != null) {
            // The tax-inclusive gross is what the line cost before its discount (Square's total
            // contains the tax): robust also for return lines, which carry no modifiers.
            gross = exclusive(total + discount, inclusiveRate);
            discount = item.path("applied_discounts").isEmpty() ? 0 : gross - (total - tax);
            tax = total - gross + discount;
        } else {
            gross = total - tax + discount;
        }
        share(item.path("applied_discounts"), "discount_uid", sign * discount, discountShares);
        share(item.path("applied_taxes"), "tax_uid", sign * tax, taxShares);
        long unit = exclusive(money.minor(item.path("base_price_money")), inclusiveRate);
        String variationId = item.path("catalog_object_id").asText(null);
        SquareVariations.Variation variation = variations == null ? SquareVariations.Variation.UNKNOWN
                : variations.get(variationId);
        return new PosOrder.Line(id, kind, variation.itemId(), variationId, variation.sku(),
                item.path("name").asText(null), kind == LineKind.ITEM ? variation.category() : null, quantity.multiply(BigDecimal.valueOf(sign)), money.decimal(unit),
                modifiers, money.decimal(sign * gross), money.decimal(sign * discount), money.decimal(sign * tax));
    }

    /** The category of a line's (or returned line's) catalog variation; null without one. */
    private String category(JsonNode item) {
        return variations == null ? null : variations.get(item.path("catalog_object_id").asText(null)).category();
    }

    /** {@code amount} without the tax it contains at {@code rate} percent; unchanged when no rate. */
    private static long exclusive(long amount, BigDecimal rate) {
        if (rate == null) {
            return amount;
        }
        long contained = BigDecimal.valueOf(amount).multiply(rate)
                .divide(BigDecimal.valueOf(100).add(rate), 0, RoundingMode.HALF_EVEN).longValueExact();
        return amount - contained;
    }

    /** The running sum of one discount's or tax's shares, in minor units. */
    private static final class Share {
        long amount;
    }

    /**
     * Splits {@code amount} over the line's applied discounts or taxes by what each applied (the last
     * takes the remainder), or books it unnamed when the line names none.
     */
    private static void share(JsonNode applied, String uidField, long amount, Map<String, Share> shares) {
        if (amount == 0 && applied.isEmpty()) {
            return;
        }
        if (applied.isEmpty()) {
            shares.computeIfAbsent("", k -> new Share()).amount += amount;
            return;
        }
        long weights = 0;
        for (JsonNode a : applied) {
            weights += Math.abs(a.path("applied_money").path("amount").asLong());
        }
        long given = 0;
        for (int i = 0; i < applied.size(); i++) {
            JsonNode a = applied.get(i);
            long part = i == applied.size() - 1 ? amount - given : weights == 0 ? 0
                    : BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(Math.abs(a.path("applied_money")
                    .path("amount").asLong()))).divide(BigDecimal.valueOf(weights), 0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            given += part;
            shares.computeIfAbsent(a.path(uidField).asText(), k -> new Share()).amount += part;
        }
    }

    private static PosOrder.Tender tender(JsonNode t, SquareMoney money) {
        JsonNode fee = t.path("processing_fee_money");
        return new PosOrder.Tender(t.path("id").asText(), kind(t), money.decimal(money.minor(t.path("amount_money"))),
                money.decimal(money.minor(t.path("tip_money"))),
                fee.isMissingNode() || fee.isNull() ? null : money.decimal(money.minor(fee)),
                t.path("payment_id").asText(null), t.path("card_details").path("card").path("card_brand").asText(null));
    }

    private static TenderKind kind(JsonNode tender) {
        return switch (tender.path("type").asText()) {
            case "CARD" -> "SQUARE_GIFT_CARD".equals(tender.path("card_details").path("card").path("card_brand").asText())
                    ? TenderKind.GIFT_CARD : TenderKind.CARD;
            case "CASH" -> TenderKind.CASH;
            case "SQUARE_GIFT_CARD" -> TenderKind.GIFT_CARD;
            default -> TenderKind.OTHER;
        };
    }

    private static OrderState state(JsonNode o) {
        return switch (o.path("state").asText()) {
            case "COMPLETED" -> OrderState.COMPLETED;
            case "CANCELED" -> OrderState.VOIDED;
            default -> OrderState.OPEN;
        };
    }

    /** Whether a refund moved money (rejected and failed ones did not). */
    private static boolean counts(JsonNode refund) {
        String status = refund.path("status").asText();
        return !"REJECTED".equals(status) && !"FAILED".equals(status);
    }

    private static String refundStatus(String square) {
        return switch (square) {
            case "APPROVED", "COMPLETED" -> "completed";
            case "REJECTED" -> "rejected";
            case "FAILED" -> "failed";
            default -> "pending";
        };
    }

    private String currency(JsonNode o) {
        String currency = o.path("total_money").path("currency").asText("");
        return currency.isEmpty() ? locations.currency(o.path("location_id").asText()) : currency;
    }

    private static Map<String, JsonNode> byUid(JsonNode array) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        array.forEach(n -> out.put(n.path("uid").asText(), n));
        return out;
    }
}
