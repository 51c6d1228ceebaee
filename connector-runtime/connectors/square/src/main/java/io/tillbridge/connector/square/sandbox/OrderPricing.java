package io.tillbridge.connector.square.sandbox;

import static io.tillbridge.connector.square.sandbox.SquareJson.amount;
import static io.tillbridge.connector.square.sandbox.SquareJson.money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Prices an order the way Square's Orders API does, in minor units: each line's variation total and
 * modifiers make its gross sales; an order-scoped discount is apportioned to the lines; the tax
 * applies to what is left (added for {@code ADDITIVE}, contained for {@code INCLUSIVE}); a
 * subtotal-phase service charge and the tips come on top. {@code total_money} is the sum of the
 * lines' totals, the service charges and the tips (the spec: "the total amount of money to collect
 * for the order"). Gift-card lines are neither discounted nor taxed. Half amounts round to even.
 */
final class OrderPricing {

    /** A modifier with its price per unit of the line. */
    record Modifier(String catalogObjectId, String name, long price) {
    }

    /**
     * A line to price.
     *
     * @param itemType {@code ITEM}, {@code CUSTOM_AMOUNT} or {@code GIFT_CARD}
     * @param quantity a decimal string ("2", "0.75")
     * @param basePrice the price of one unit, in minor units, as the catalog gives it
     * @param weightUnit a {@code MeasurementUnitWeight} for lines sold by weight, or null
     */
    record Line(String itemType, String catalogObjectId, String name, String variationName, String quantity,
            long basePrice, List<Modifier> modifiers, String weightUnit) {
    }

    private final SquareMerchant merchant;
    private final SquareIds ids;

    OrderPricing(SquareMerchant merchant, SquareIds ids) {
        this.merchant = merchant;
        this.ids = ids;
    }

    /**
     * Fills {@code order} with priced lines, the tax, an optional order discount (a catalog
     * {@code DISCOUNT} object) and an optional service charge percentage, and its totals.
     */
    void price(ObjectNode order, List<Line> lines, ObjectNode tax, ObjectNode discount, String serviceChargePercent) {
        String currency = merchant.currency();
        ArrayNode items = order.putArray("line_items");
        long[] gross = new long[lines.size()];
        long discountable = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            BigDecimal qty = new BigDecimal(l.quantity());
            ObjectNode item = items.addObject();
            item.put("uid", ids.uid());
            item.put("name", l.name());
            item.put("quantity", l.quantity());
            if (l.weightUnit() != null) {
                ObjectNode unit = item.putObject("quantity_unit");
                unit.putObject("measurement_unit").put("weight_unit", l.weightUnit());
                unit.put("precision", 2);
            }
            if (l.catalogObjectId() != null) {
                item.put("catalog_object_id", l.catalogObjectId());
            }
            if (l.variationName() != null) {
                item.put("variation_name", l.variationName());
            }
            item.put("item_type", l.itemType());
            long variationTotal = times(l.basePrice(), qty);
            long lineGross = variationTotal;
            if (!l.modifiers().isEmpty()) {
                ArrayNode mods = item.putArray("modifiers");
                for (Modifier m : l.modifiers()) {
                    long modTotal = times(m.price(), qty);
                    ObjectNode mod = mods.addObject();
                    mod.put("uid", ids.uid());
                    mod.put("catalog_object_id", m.catalogObjectId());
                    mod.put("name", m.name());
                    mod.put("quantity", "1");
                    mod.set("base_price_money", money(m.price(), currency));
                    mod.set("total_price_money", money(modTotal, currency));
                    lineGross += modTotal;
                }
            }
            item.set("base_price_money", money(l.basePrice(), currency));
            item.set("variation_total_price_money", money(variationTotal, currency));
            gross[i] = lineGross;
            if (!"GIFT_CARD".equals(l.itemType())) {
                discountable += lineGross;
            }
        }
        long[] lineDiscount = new long[lines.size()];
        String discountUid = null;
        if (discount != null && discountable > 0) {
            discountUid = ids.uid();
            JsonNode d = discount.path("discount_data");
            long total = d.has("percentage")
                    ? percentOf(discountable, new BigDecimal(d.path("percentage").asText()))
                    : Math.min(amount(d.path("amount_money")), discountable);
            apportion(total, gross, lines, lineDiscount);
            ObjectNode od = order.putArray("discounts").addObject();
            od.put("uid", discountUid);
            od.put("catalog_object_id", discount.path("id").asText());
            od.put("catalog_version", discount.path("version").asLong());
            od.put("name", d.path("name").asText());
            od.put("type", d.path("discount_type").asText());
            if (d.has("percentage")) {
                od.put("percentage", d.path("percentage").asText());
            } else {
                od.set("amount_money", d.path("amount_money").deepCopy());
            }
            od.set("applied_money", money(total, currency));
            od.put("scope", "ORDER");
        }
        JsonNode t = tax.path("tax_data");
        BigDecimal rate = new BigDecimal(t.path("percentage").asText());
        boolean inclusive = "INCLUSIVE".equals(t.path("inclusion_type").asText());
        String taxUid = ids.uid();
        long taxTotal = 0;
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode item = (ObjectNode) items.get(i);
            boolean giftCard = "GIFT_CARD".equals(lines.get(i).itemType());
            long base = gross[i] - lineDiscount[i];
            long lineTax = giftCard ? 0 : inclusive ? contained(base, rate) : percentOf(base, rate);
            taxTotal += lineTax;
            if (!giftCard) {
                ObjectNode applied = item.putArray("applied_taxes").addObject();
                applied.put("uid", ids.uid());
                applied.put("tax_uid", taxUid);
                applied.set("applied_money", money(lineTax, currency));
            }
            if (discountUid != null && !giftCard) {
                ObjectNode applied = item.putArray("applied_discounts").addObject();
                applied.put("uid", ids.uid());
                applied.put("discount_uid", discountUid);
                applied.set("applied_money", money(lineDiscount[i], currency));
            }
            long grossSales = inclusive && !merchant.inclusiveTaxInGross() ? gross[i] - lineTax : gross[i];
            item.set("gross_sales_money", money(grossSales, currency));
            item.set("total_tax_money", money(lineTax, currency));
            item.set("total_discount_money", money(lineDiscount[i], currency));
            item.set("total_money", money(base + (inclusive ? 0 : lineTax), currency));
            item.set("total_service_charge_money", money(0, currency));
        }
        ObjectNode ot = order.putArray("taxes").addObject();
        ot.put("uid", taxUid);
        ot.put("catalog_object_id", tax.path("id").asText());
        ot.put("catalog_version", tax.path("version").asLong());
        ot.put("name", t.path("name").asText());
        ot.put("type", inclusive ? "INCLUSIVE" : "ADDITIVE");
        ot.put("percentage", t.path("percentage").asText());
        ot.set("applied_money", money(taxTotal, currency));
        ot.put("scope", "ORDER");
        if (serviceChargePercent != null) {
            long subtotal = 0;
            for (int i = 0; i < lines.size(); i++) {
                subtotal += "GIFT_CARD".equals(lines.get(i).itemType()) ? 0 : gross[i] - lineDiscount[i];
            }
            long charge = percentOf(subtotal, new BigDecimal(serviceChargePercent));
            ObjectNode sc = order.putArray("service_charges").addObject();
            sc.put("uid", ids.uid());
            sc.put("name", "Large party");
            sc.put("percentage", serviceChargePercent);
            sc.set("applied_money", money(charge, currency));
            sc.set("total_money", money(charge, currency));
            sc.set("total_tax_money", money(0, currency));
            sc.put("calculation_phase", "SUBTOTAL_PHASE");
            sc.put("taxable", false);
            sc.put("type", "AUTO_GRATUITY");
            sc.put("treatment_type", "APPORTIONED_TREATMENT");
            sc.put("scope", "ORDER");
        }
        totals(order);
    }

    /** Recomputes the order's totals, return amounts and net amounts from its parts. */
    void totals(ObjectNode order) {
        String currency = merchant.currency();
        long total = 0;
        long tax = 0;
        long discount = 0;
        for (JsonNode item : order.path("line_items")) {
            total += amount(item.path("total_money"));
            tax += amount(item.path("total_tax_money"));
            discount += amount(item.path("total_discount_money"));
        }
        long charges = 0;
        for (JsonNode sc : order.path("service_charges")) {
            charges += amount(sc.path("total_money"));
        }
        long tips = 0;
        long tendered = 0;
        for (JsonNode tender : order.path("tenders")) {
            tips += amount(tender.path("tip_money"));
            tendered += amount(tender.path("amount_money"));
        }
        total += charges + tips;
        order.set("total_money", money(total, currency));
        order.set("total_tax_money", money(tax, currency));
        order.set("total_discount_money", money(discount, currency));
        order.set("total_tip_money", money(tips, currency));
        order.set("total_service_charge_money", money(charges, currency));
        long returned = 0;
        long returnedTax = 0;
        long returnedDiscount = 0;
        for (JsonNode ret : order.path("returns")) {
            returned += amount(ret.path("return_amounts").path("total_money"));
            returnedTax += amount(ret.path("return_amounts").path("tax_money"));
            returnedDiscount += amount(ret.path("return_amounts").path("discount_money"));
        }
        if (order.has("returns")) {
            order.set("return_amounts", amounts(returned, returnedTax, returnedDiscount, 0, 0));
        }
        order.set("net_amounts", amounts(total - returned, tax - returnedTax, discount - returnedDiscount, tips,
                charges));
        boolean open = "OPEN".equals(order.path("state").asText());
        long due = open ? Math.max(0, total - returned - tendered) : 0;
        order.set("net_amount_due_money", money(due, currency));
    }

    ObjectNode amounts(long total, long tax, long discount, long tip, long charges) {
        String currency = merchant.currency();
        ObjectNode a = SquareJson.object();
        a.set("total_money", money(total, currency));
        a.set("tax_money", money(tax, currency));
        a.set("discount_money", money(discount, currency));
        a.set("tip_money", money(tip, currency));
        a.set("service_charge_money", money(charges, currency));
        return a;
    }

    /** Spreads {@code total} over the discountable lines by their gross; the last one takes the remainder. */
    private static void apportion(long total, long[] gross, List<Line> lines, long[] out) {
        long base = 0;
        int last = -1;
        for (int i = 0; i < gross.length; i++) {
            if (!"GIFT_CARD".equals(lines.get(i).itemType())) {
                base += gross[i];
                last = i;
            }
        }
        long given = 0;
        for (int i = 0; i < gross.length; i++) {
            if ("GIFT_CARD".equals(lines.get(i).itemType())) {
                continue;
            }
            out[i] = i == last ? total - given : BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(gross[i]))
                    .divide(BigDecimal.valueOf(base), 0, RoundingMode.HALF_EVEN).longValueExact();
            given += out[i];
        }
    }

    static long times(long price, BigDecimal quantity) {
        return BigDecimal.valueOf(price).multiply(quantity).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    static long percentOf(long amount, BigDecimal percent) {
        return BigDecimal.valueOf(amount).multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** The tax contained in a tax-inclusive amount: amount x rate / (100 + rate). */
    static long contained(long amount, BigDecimal percent) {
        return BigDecimal.valueOf(amount).multiply(percent)
                .divide(BigDecimal.valueOf(100).add(percent), 0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
