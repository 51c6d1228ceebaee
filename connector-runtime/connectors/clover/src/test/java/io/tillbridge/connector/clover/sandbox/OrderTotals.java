package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A test's own reading of a Clover order's amounts, written apart from the sandbox's pricing (in
 * BigDecimal), so that the two check each other.
 */
record OrderTotals(long lines, long discounts, long serviceCharge, long tax, long total) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static OrderTotals of(JsonNode order) {
        boolean vat = order.path("isVat").asBoolean();
        boolean exempt = order.path("taxRemoved").asBoolean();
        JsonNode lines = order.path("lineItems").path("elements");
        long[] amounts = new long[lines.size()];
        long sum = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            BigDecimal base = BigDecimal.valueOf(line.path("price").asLong());
            if (line.has("unitQty")) {
                base = base.multiply(BigDecimal.valueOf(line.path("unitQty").asLong()))
                        .divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP);
            }
            for (JsonNode mod : line.path("modifications").path("elements")) {
                base = base.add(BigDecimal.valueOf(mod.path("amount").asLong()));
            }
            BigDecimal off = BigDecimal.ZERO;
            for (JsonNode d : line.path("discounts").path("elements")) {
                off = off.add(d.has("percentage")
                        ? base.multiply(BigDecimal.valueOf(d.path("percentage").asLong()))
                                .divide(HUNDRED, 0, RoundingMode.HALF_UP)
                        : BigDecimal.valueOf(-d.path("amount").asLong()));
            }
            amounts[i] = base.subtract(off).max(BigDecimal.ZERO).longValueExact();
            sum += amounts[i];
        }
        long discount = 0;
        for (JsonNode d : order.path("discounts").path("elements")) {
            long left = sum - discount;
            long off = d.has("percentage")
                    ? BigDecimal.valueOf(left).multiply(BigDecimal.valueOf(d.path("percentage").asLong()))
                            .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact()
                    : -d.path("amount").asLong();
            discount += Math.min(Math.max(off, 0), left);
        }
        long tax = 0;
        long removed = 0;
        long shared = 0;
        for (int i = 0; i < lines.size(); i++) {
            long share = i == lines.size() - 1 ? discount - shared : sum == 0 ? 0 : amounts[i] * discount / sum;
            shared += share;
            BigDecimal net = BigDecimal.valueOf(amounts[i] - share);
            for (JsonNode rate : lines.get(i).path("taxRates").path("elements")) {
                BigDecimal percent = BigDecimal.valueOf(rate.path("rate").asLong()).movePointLeft(5);
                BigDecimal lineTax = vat
                        ? net.multiply(percent).divide(HUNDRED.add(percent), 0, RoundingMode.HALF_UP)
                        : net.multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP);
                if (exempt) {
                    removed += vat ? lineTax.longValueExact() : 0;
                } else {
                    tax += lineTax.longValueExact();
                }
            }
        }
        long afterDiscount = sum - discount;
        JsonNode charge = order.path("serviceCharge");
        long serviceCharge = charge.has("percentageDecimal")
                ? BigDecimal.valueOf(afterDiscount)
                        .multiply(BigDecimal.valueOf(charge.path("percentageDecimal").asLong()))
                        .movePointLeft(6).setScale(0, RoundingMode.HALF_UP).longValueExact()
                : 0;
        return new OrderTotals(sum, discount, serviceCharge, tax,
                afterDiscount - removed + serviceCharge + (vat ? 0 : tax));
    }
}
