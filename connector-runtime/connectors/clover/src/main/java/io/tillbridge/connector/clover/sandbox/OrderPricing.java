package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An order's amounts, in minor units, from its line items, modifications, discounts, service charge
 * and tax rates. The sandbox's arithmetic (Clover publishes no formula; amounts round half up):
 * <ul>
 *   <li>a line is {@code price}, times {@code unitQty / 1000} when sold by weight, plus its
 *       modifications' {@code amount}s, less its discounts (an {@code amount} is negative; a
 *       {@code percentage} is of the line);
 *   <li>order discounts apply to the sum of the lines and are shared out over the lines in
 *       proportion (the last line takes the remainder);
 *   <li>the service charge is {@code percentageDecimal / 10 000} percent of the discounted sum, and
 *       is not taxed;
 *   <li>each line's tax is its discounted amount times each of its {@code taxRates} ({@code rate /
 *       100 000} percent); on a VAT order ({@code isVat}) the tax is included in the amount;
 *   <li>a tax-exempt order ({@code taxRemoved}) has no tax: none is added, and on a VAT order the
 *       included tax comes off the lines;
 *   <li>{@code total} = lines - discounts + service charge + tax (tax not added on a VAT order).
 *       Tips are not part of it: they are on the payments.
 * </ul>
 */
final class OrderPricing {

    /** One line's share: its amount after line and order discounts, and its tax. */
    record Line(String id, long net, long tax) {
    }

    record Totals(long lines, long discounts, long serviceCharge, long tax, long total, List<Line> perLine) {

        Line line(String id) {
            return perLine.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
        }
    }

    private OrderPricing() {
    }

    static Totals of(JsonNode order) {
        boolean vat = order.path("isVat").asBoolean();
        boolean taxRemoved = order.path("taxRemoved").asBoolean();
        List<JsonNode> lines = new ArrayList<>();
        CloverJson.elementsOf(order, "lineItems").forEach(lines::add);
        long[] lineAmounts = new long[lines.size()];
        long sum = 0;
        for (int i = 0; i < lines.size(); i++) {
            lineAmounts[i] = lineAmount(lines.get(i));
            sum += lineAmounts[i];
        }
        long discount = 0;
        for (JsonNode d : CloverJson.elementsOf(order, "discounts")) {
            long left = sum - discount;
            long off = d.has("percentage") ? round(left * d.path("percentage").asLong(), 100)
                    : -d.path("amount").asLong();
            discount += Math.min(Math.max(off, 0), left);
        }
        List<Line> perLine = new ArrayList<>();
        long shared = 0;
        long tax = 0;
        long netSum = 0;
        for (int i = 0; i < lines.size(); i++) {
            long share = i == lines.size() - 1 ? discount - shared : sum == 0 ? 0 : lineAmounts[i] * discount / sum;
            shared += share;
            long net = lineAmounts[i] - share;
            long lineTax = 0;
            for (JsonNode rate : CloverJson.elementsOf(lines.get(i), "taxRates")) {
                long r = rate.path("rate").asLong();
                lineTax += vat ? round(net * r, 10_000_000L + r) : round(net * r, 10_000_000L);
            }
            if (taxRemoved) {
                net -= vat ? lineTax : 0;
                lineTax = 0;
            }
            tax += lineTax;
            netSum += net;
            perLine.add(new Line(lines.get(i).path("id").asText(), net, lineTax));
        }
        long afterDiscount = sum - discount;
        JsonNode charge = order.path("serviceCharge");
        long serviceCharge = charge.path("enabled").asBoolean(charge.has("percentageDecimal"))
                ? round(afterDiscount * charge.path("percentageDecimal").asLong(), 1_000_000L) : 0;
        long total = netSum + serviceCharge + (vat ? 0 : tax);
        return new Totals(sum, discount, serviceCharge, tax, total, perLine);
    }

    /** Sets the order's {@code total} from its lines. */
    static Totals price(ObjectNode order) {
        Totals totals = of(order);
        order.put("total", totals.total());
        return totals;
    }

    static long lineAmount(JsonNode line) {
        long base = line.has("unitQty") ? round(line.path("price").asLong() * line.path("unitQty").asLong(), 1000)
                : line.path("price").asLong();
        for (JsonNode mod : CloverJson.elementsOf(line, "modifications")) {
            base += mod.path("amount").asLong();
        }
        long off = 0;
        for (JsonNode d : CloverJson.elementsOf(line, "discounts")) {
            off += d.has("percentage") ? round(base * d.path("percentage").asLong(), 100) : -d.path("amount").asLong();
        }
        return Math.max(base - off, 0);
    }

    /** {@code value / divisor}, half up, for values that are not negative. */
    static long round(long value, long divisor) {
        return (value + divisor / 2) / divisor;
    }
}
