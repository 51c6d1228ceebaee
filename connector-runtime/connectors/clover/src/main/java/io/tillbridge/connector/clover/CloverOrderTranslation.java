package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.LineKind;
import io.tillbridge.connector.pos.OrderState;
import io.tillbridge.connector.pos.PosOrder;
import io.tillbridge.connector.pos.PosRefund;
import io.tillbridge.connector.pos.TenderKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A Clover order (expanded with its line items, their modifications, discounts and tax rates, its
 * discounts, service charge, payments and refunds) as a canonical {@link PosOrder}, and its refunds
 * as {@link PosRefund}s (docs/pos-model.md, section Clover).
 *
 * <p>Clover gives the order's {@code total}, each line's {@code price} (and {@code unitQty} in
 * thousandths when sold by weight), the modifications' and discounts' amounts and the tax rates
 * ({@code rate} is percent times 100 000), but no tax amount per line. The connector works them out
 * in integer minor units: a line is its price times its quantity plus its modifications, less its
 * own discounts; order discounts are shared over the lines in proportion; each line's tax is its
 * discounted amount times each rate, half up, contained in the amount on a VAT order
 * ({@code isVat}), added otherwise; a tax-exempt order ({@code taxRemoved}) has none (on a VAT order
 * the contained tax comes off the line). A service charge ({@code percentageDecimal}, percent times
 * 10 000) is of the discounted lines and not taxed. Clover's {@code total} stays authoritative:
 * should the arithmetic differ from it, the difference is the order's {@code rounding}, so that the
 * tenders always balance.
 *
 * <p>An item line's category is its item's first category ({@code /items?expand=categories}); a
 * returned line's is the category of the order line it returns.
 */
final class CloverOrderTranslation {

    private static final long RATE_SCALE = 10_000_000L;

    private final MerchantProfile merchant;
    /** An item's first category's name by item id; null for none or an item Clover no longer lists. */
    private final Function<String, String> categories;

    /** Without categories. */
    CloverOrderTranslation(MerchantProfile merchant) {
        this(merchant, itemId -> null);
    }

    CloverOrderTranslation(MerchantProfile merchant, Function<String, String> categories) {
        this.merchant = merchant;
        this.categories = categories;
    }

    /** A discount's contribution to one line, in minor units as Clover priced it. */
    private record Contribution(String key, String name, long amount) {
    }

    /** One line worked out. */
    private record Worked(PosOrder.Line line, long total, long tax) {
    }

    PosOrder order(JsonNode o) {
        CloverMoney money = merchant.money(o);
        boolean vat = o.path("isVat").asBoolean(false);
        boolean taxRemoved = o.path("taxRemoved").asBoolean(false);
        List<JsonNode> items = elements(o.path("lineItems"));
        int n = items.size();
        long[] grossIncl = new long[n];
        long[] amounts = new long[n];
        List<List<Contribution>> contributions = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            JsonNode line = items.get(i);
            long base = line.has("unitQty") ? round(line.path("price").asLong() * line.path("unitQty").asLong(), 1000)
                    : line.path("price").asLong();
            for (JsonNode mod : elements(line.path("modifications"))) {
                base += mod.path("amount").asLong();
            }
            grossIncl[i] = base;
            List<Contribution> own = new ArrayList<>();
            long off = 0;
            for (JsonNode d : elements(line.path("discounts"))) {
                long amount = d.has("percentage") ? round(base * d.path("percentage").asLong(), 100)
                        : -d.path("amount").asLong();
                own.add(new Contribution(discountKey(d), d.path("name").asText(null), amount));
                off += amount;
            }
            amounts[i] = Math.max(base - off, 0);
            contributions.add(own);
            sum += amounts[i];
        }
        List<Contribution> orderDiscounts = new ArrayList<>();
        long discount = 0;
        for (JsonNode d : elements(o.path("discounts"))) {
            long left = sum - discount;
            long off = d.has("percentage") ? round(left * d.path("percentage").asLong(), 100) : -d.path("amount").asLong();
            off = Math.min(Math.max(off, 0), left);
            orderDiscounts.add(new Contribution(discountKey(d), d.path("name").asText(null), off));
            discount += off;
        }
        Map<String, String> discountNames = new LinkedHashMap<>();
        Map<String, Long> discountTotals = new LinkedHashMap<>();
        Map<String, JsonNode> rates = new LinkedHashMap<>();
        Map<String, Long> taxTotals = new LinkedHashMap<>();
        List<Worked> worked = new ArrayList<>();
        long shared = 0;
        for (int i = 0; i < n; i++) {
            JsonNode line = items.get(i);
            long share = i == n - 1 ? discount - shared : sum == 0 ? 0 : amounts[i] * discount / sum;
            shared += share;
            List<Contribution> all = new ArrayList<>(contributions.get(i));
            all.addAll(split(orderDiscounts, share));
            long net = amounts[i] - share;
            List<JsonNode> lineRates = elements(line.path("taxRates"));
            long tax = 0;
            Map<String, Long> perRate = new LinkedHashMap<>();
            long rateSum = 0;
            for (JsonNode rate : lineRates) {
                long r = rate.path("rate").asLong();
                rateSum += r;
                long t = vat ? round(net * r, RATE_SCALE + r) : round(net * r, RATE_SCALE);
                perRate.merge(rateKey(rate), t, Long::sum);
                rates.putIfAbsent(rateKey(rate), rate);
                tax += t;
            }
            long gross = grossIncl[i];
            long unit = line.path("price").asLong();
            if (vat) {
                gross -= contained(gross, rateSum);
                unit -= contained(unit, rateSum);
            }
            long total;
            if (taxRemoved) {
                net -= vat ? tax : 0;
                tax = 0;
                total = net;
            } else {
                perRate.forEach((k, t) -> taxTotals.merge(k, t, Long::sum));
                total = vat ? net : net + tax;
            }
            long lineDiscount = gross - (total - tax);
            split(all, lineDiscount).forEach(c -> {
                discountNames.putIfAbsent(c.key(), c.name() == null && c.key().isEmpty() ? "Discount" : c.name());
                discountTotals.merge(c.key(), c.amount(), Long::sum);
            });
            List<PosOrder.Modifier> modifiers = new ArrayList<>();
            for (JsonNode mod : elements(line.path("modifications"))) {
                long price = mod.path("amount").asLong();
                modifiers.add(new PosOrder.Modifier(mod.path("modifier").path("id").asText(mod.path("id").asText(null)),
                        mod.path("name").asText(null), money.decimal(vat ? price - contained(price, rateSum) : price)));
            }
            String itemId = line.path("item").path("id").asText(null);
            LineKind kind = !line.path("isRevenue").asBoolean(true) ? LineKind.GIFT_CARD
                    : itemId == null ? LineKind.CUSTOM_AMOUNT : LineKind.ITEM;
            BigDecimal quantity = line.has("unitQty") ? BigDecimal.valueOf(line.path("unitQty").asLong(), 3)
                    : BigDecimal.ONE;
            worked.add(new Worked(new PosOrder.Line(line.path("id").asText(), kind, itemId, itemId,
                    blankToNull(line.path("sku").asText(null)), line.path("name").asText(null),
                    kind == LineKind.ITEM ? categories.apply(itemId) : null, quantity,
                    money.decimal(unit), modifiers, money.decimal(gross), money.decimal(lineDiscount),
                    money.decimal(tax)), total, tax));
        }
        long charge = 0;
        List<PosOrder.Adjustment> charges = new ArrayList<>();
        JsonNode sc = o.path("serviceCharge");
        if (sc.isObject() && sc.path("enabled").asBoolean(sc.has("percentageDecimal"))) {
            charge = round((sum - discount) * sc.path("percentageDecimal").asLong(), 1_000_000L);
            charges.add(new PosOrder.Adjustment(sc.path("id").asText(null), sc.path("name").asText(null),
                    money.decimal(charge)));
        }
        long computed = charge;
        for (Worked w : worked) {
            computed += w.total();
        }
        long rounding = o.has("total") ? o.path("total").asLong() - computed : 0;
        List<PosOrder.Adjustment> discounts = new ArrayList<>();
        discountTotals.forEach((key, amount) -> discounts.add(new PosOrder.Adjustment(key.isEmpty() ? null : key,
                discountNames.get(key), money.decimal(amount))));
        List<PosOrder.Tax> taxes = new ArrayList<>();
        taxTotals.forEach((key, amount) -> {
            JsonNode rate = rates.get(key);
            taxes.add(new PosOrder.Tax(rate.path("id").asText(null), rate.path("name").asText(null),
                    BigDecimal.valueOf(rate.path("rate").asLong(), 5).stripTrailingZeros(), money.decimal(amount), vat));
        });
        long tips = 0;
        List<PosOrder.Tender> tenders = new ArrayList<>();
        long lastPaid = 0;
        for (JsonNode p : elements(o.path("payments"))) {
            if (!succeeded(p)) {
                continue;
            }
            long tip = p.path("tipAmount").asLong();
            tips += tip;
            lastPaid = Math.max(lastPaid, p.path("createdTime").asLong());
            tenders.add(new PosOrder.Tender(p.path("id").asText(), kind(p), money.decimal(p.path("amount").asLong() + tip),
                    money.decimal(tip), null, p.path("id").asText(), blankToNull(p.path("cardTransaction")
                    .path("cardType").asText(null))));
        }
        OrderState state = state(o);
        long created = created(o);
        String closed = state == OrderState.COMPLETED && lastPaid > 0 ? time(lastPaid)
                : state == OrderState.VOIDED ? time(o.path("modifiedTime").asLong()) : null;
        JsonNode customer = elements(o.path("customers")).stream().findFirst().orElse(null);
        LocalDate day = merchant.businessDay(created);
        return new PosOrder(o.path("id").asText(), CloverConnector.ID, merchant.id(), money.currency(), state,
                time(created), time(o.path("modifiedTime").asLong()), closed, day, merchant.businessDayEnd(day),
                version(o), customer == null ? null : customer.path("id").asText(null),
                worked.stream().map(Worked::line).toList(), discounts, taxes, charges, money.decimal(tips),
                money.decimal(rounding), tenders);
    }

    /**
     * The order's refunds: one per Clover refund, with the lines it gave back (those whose
     * {@code refund} names it; every line for a full refund, on the first of the order's full refunds,
     * which Clover makes one per payment).
     */
    List<PosRefund> refunds(JsonNode o, PosOrder order) {
        List<JsonNode> refunds = elements(o.path("refunds"));
        if (refunds.isEmpty()) {
            return List.of();
        }
        CloverMoney money = merchant.money(o);
        Map<String, JsonNode> payments = new LinkedHashMap<>();
        elements(o.path("payments")).forEach(p -> payments.put(p.path("id").asText(), p));
        Map<String, String> refundOfLine = new LinkedHashMap<>();
        elements(o.path("lineItems")).forEach(l -> refundOfLine.put(l.path("id").asText(),
                l.path("refund").path("id").asText("")));
        boolean fullLinesGiven = false;
        List<PosRefund> out = new ArrayList<>();
        for (JsonNode r : refunds) {
            String id = r.path("id").asText();
            boolean full = r.path("fullRefund").asBoolean(false);
            List<PosRefund.Line> lines = new ArrayList<>();
            if (!full || !fullLinesGiven) {
                for (PosOrder.Line line : order.lines()) {
                    if (full || id.equals(refundOfLine.get(line.id()))) {
                        lines.add(new PosRefund.Line(line.id(), line.sku(), line.category(), line.quantity(),
                                line.gross().subtract(line.discount()).add(line.tax()), line.tax()));
                    }
                }
                fullLinesGiven |= full;
            }
            long tip = r.path("tipAmount").asLong();
            long amount = r.path("amount").asLong() + tip;
            String paymentId = r.path("payment").path("id").asText(null);
            JsonNode payment = paymentId == null ? null : payments.get(paymentId);
            PosOrder.Tender tender = new PosOrder.Tender(paymentId, payment == null ? TenderKind.OTHER : kind(payment),
                    money.decimal(amount), money.decimal(tip), null, paymentId, null);
            long created = r.path("createdTime").asLong();
            LocalDate day = merchant.businessDay(created);
            out.add(new PosRefund(id, CloverConnector.ID, o.path("id").asText(), merchant.id(), money.currency(),
                    refundStatus(r), time(created), time(r.path("modifiedTime").asLong(created)),
                    day, merchant.businessDayEnd(day), blankToNull(r.path("reason").asText(null)), lines,
                    money.decimal(amount), money.decimal(r.path("taxAmount").asLong()), List.of(tender)));
        }
        return out;
    }

    /** The version every record of an order carries: its {@code modifiedTime}, epoch milliseconds. */
    static String version(JsonNode o) {
        return Long.toString(o.path("modifiedTime").asLong());
    }

    /** When it was rung up: {@code clientCreatedTime} (an offline order keeps it), else {@code createdTime}. */
    static long created(JsonNode o) {
        long client = o.path("clientCreatedTime").asLong(0);
        return client > 0 ? client : o.path("createdTime").asLong();
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    static boolean succeeded(JsonNode payment) {
        String result = payment.path("result").asText("SUCCESS");
        return "SUCCESS".equals(result) || "AUTH".equals(result);
    }

    static TenderKind kind(JsonNode payment) {
        String label = payment.path("tender").path("labelKey").asText("").toLowerCase(Locale.ROOT);
        if (label.contains("gift_card")) {
            return TenderKind.GIFT_CARD;
        } else if (label.endsWith(".cash")) {
            return TenderKind.CASH;
        } else if (label.endsWith("credit_card") || label.endsWith("debit_card")) {
            return TenderKind.CARD;
        }
        return payment.path("cardTransaction").isObject() ? TenderKind.CARD : TenderKind.OTHER;
    }

    private static OrderState state(JsonNode o) {
        String state = o.path("state").asText("").toLowerCase(Locale.ROOT);
        String paid = o.path("paymentState").asText("");
        if ("voided".equals(state) || "deleted".equals(state)) {
            return OrderState.VOIDED;
        }
        return "PAID".equals(paid) || "REFUNDED".equals(paid) || "PARTIALLY_REFUNDED".equals(paid)
                || "locked".equals(state) ? OrderState.COMPLETED : OrderState.OPEN;
    }

    private static String refundStatus(JsonNode r) {
        if (r.path("voided").asBoolean(false)) {
            return "rejected";
        }
        return switch (r.path("status").asText("SUCCESS")) {
            case "SUCCESS" -> "completed";
            case "FAIL", "FAILED" -> "failed";
            default -> "pending";
        };
    }

    /**
     * Splits {@code amount} over the contributions in proportion to what each gave (the last takes the
     * remainder); an amount without contributions is one unnamed contribution.
     */
    private static List<Contribution> split(List<Contribution> over, long amount) {
        if (amount == 0) {
            return List.of();
        }
        long weights = over.stream().mapToLong(c -> Math.abs(c.amount())).sum();
        if (over.isEmpty() || weights == 0) {
            return List.of(new Contribution("", null, amount));
        }
        List<Contribution> out = new ArrayList<>();
        long given = 0;
        for (int i = 0; i < over.size(); i++) {
            Contribution c = over.get(i);
            long part = i == over.size() - 1 ? amount - given : BigDecimal.valueOf(amount)
                    .multiply(BigDecimal.valueOf(Math.abs(c.amount())))
                    .divide(BigDecimal.valueOf(weights), 0, RoundingMode.HALF_EVEN).longValueExact();
            given += part;
            out.add(new Contribution(c.key(), c.name(), part));
        }
        return out;
    }

    /** The tax {@code amount} contains at these summed rates (percent times 100 000). */
    private static long contained(long amount, long rateSum) {
        return rateSum == 0 ? 0 : round(amount * rateSum, RATE_SCALE + rateSum);
    }

    /** {@code value / divisor}, half up (away from zero for negative values). */
    static long round(long value, long divisor) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String discountKey(JsonNode d) {
        return d.path("discount").path("id").asText(d.path("id").asText(d.path("name").asText("")));
    }

    private static String rateKey(JsonNode rate) {
        return rate.path("id").asText(rate.path("name").asText("") + "@" + rate.path("rate").asLong());
    }

    static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode elements = list.isArray() ? list : list.path("elements");
        elements.forEach(out::add);
        return out;
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
