package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.LineKind;
import io.tillbridge.connector.pos.OrderState;
import io.tillbridge.connector.pos.PosOrder;
import io.tillbridge.connector.pos.PosPayment;
import io.tillbridge.connector.pos.PosRefund;
import io.tillbridge.connector.pos.TenderKind;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Shopify REST {@code Order} as a canonical {@link PosOrder}, its {@code refunds[]} as
 * {@link PosRefund}s and its transactions as {@link PosPayment}s (docs/pos-model.md, Shopify section).
 *
 * <ul>
 *   <li>Money: Shopify's decimal strings with the currency's digits ({@link ShopifyMoney}); quantities
 *       are read as decimals.</li>
 *   <li>Lines are tax-exclusive. With {@code taxes_included} a line's tax (its {@code tax_lines}) is
 *       moved out: a line without a discount keeps {@code price x quantity - tax} as its gross; a
 *       discounted line's gross is {@code price x quantity} without the tax at the line's rate, and its
 *       discount is what makes {@code gross - discount + tax} equal what the customer paid for the
 *       line. The order's discounts are the lines' shares by {@code discount_application_index}.</li>
 *   <li>Shipping lines are service charges (their discounted price, tax-exclusive); their taxes go to
 *       the taxes. Line {@code properties} (engravings, notes) are modifiers without a price, so that
 *       they reach a mapping without changing any amount; names starting with {@code _} are private
 *       to apps and skipped, as Shopify's own checkout does.</li>
 *   <li>Tenders: an order paid through one gateway has one tender of its total, known from the order
 *       alone, so a webhook's order and a read give the same record; an order split over several
 *       gateways (a gift card and a card) or partly paid has one tender per successful {@code sale} or
 *       {@code capture} transaction, which only {@code orders/{id}/transactions.json} tells. The tip
 *       goes with the last tender that is not a gift card. A cancelled order has no tenders.</li>
 *   <li>The business day is the local date of {@code created_at} (Shopify writes times with the
 *       shop's UTC offset, and keeps one time zone per shop) before the close-out hour; it ends at
 *       the next day's close-out in the shop's time zone ({@code iana_timezone}), so across a DST
 *       change by the clock of that day rather than the offset of the sale.</li>
 *   <li>A product line's category is its product's {@code product_type}; a returned line's is the
 *       category of the line it returns.</li>
 * </ul>
 */
final class ShopifyOrderTranslation {

    static final String VENDOR = "shopify";

    private static final Set<String> PAID = Set.of("paid", "partially_refunded", "refunded");

    private final LocalTime closeOut;
    /** Product types by product id; null for none. */
    private final Function<String, String> productTypes;
    /** The shop's time zone; null to end business days in the offset of the record's own time. */
    private final Supplier<ZoneId> shopZone;

    /** Without categories, ending business days in the offset Shopify wrote each time with. */
    ShopifyOrderTranslation(LocalTime closeOut) {
        this(closeOut, productId -> null, null);
    }

    /**
     * @param productTypes a product's {@code product_type} by its id, null for none or an unknown product
     * @param shopZone the shop's time zone, asked for at the first record
     */
    ShopifyOrderTranslation(LocalTime closeOut, Function<String, String> productTypes, Supplier<ZoneId> shopZone) {
        this.closeOut = closeOut;
        this.productTypes = productTypes;
        this.shopZone = shopZone;
    }

    /** The order's version: its {@code updated_at} as a UTC instant. */
    static String version(JsonNode order) {
        String at = utc(order.path("updated_at").asText(null));
        return at == null ? "" : at;
    }

    /** Whether only the order's transactions tell its tenders (several gateways, or partly paid). */
    static boolean needsTransactions(JsonNode order) {
        if (!order.path("cancelled_at").isNull() && !order.path("cancelled_at").isMissingNode()) {
            return false;
        }
        return gateways(order).size() > 1 || "partially_paid".equals(order.path("financial_status").asText());
    }

    /**
     * The canonical order.
     *
     * @param transactions the order's transactions; may be null when {@link #needsTransactions} is false
     */
    PosOrder order(JsonNode o, List<JsonNode> transactions) {
        ShopifyMoney money = ShopifyMoney.of(o.path("currency").asText("USD"));
        boolean included = o.path("taxes_included").asBoolean(false);
        Map<Integer, BigDecimal> discountShares = new LinkedHashMap<>();
        Map<String, TaxTotal> taxes = new LinkedHashMap<>();
        List<PosOrder.Line> lines = new ArrayList<>();
        for (JsonNode item : o.path("line_items")) {
            lines.add(line(item, money, included, discountShares, taxes));
        }
        List<PosOrder.Adjustment> charges = new ArrayList<>();
        for (JsonNode ship : o.path("shipping_lines")) {
            BigDecimal price = money.amount(ship.hasNonNull("discounted_price") ? ship.path("discounted_price")
                    : ship.path("price"));
            BigDecimal tax = addTaxes(ship.path("tax_lines"), money, taxes);
            charges.add(new PosOrder.Adjustment(text(ship.path("id")), ship.path("title").asText(null),
                    included ? price.subtract(tax) : price));
        }
        List<PosOrder.Adjustment> discounts = new ArrayList<>();
        JsonNode applications = o.path("discount_applications");
        discountShares.forEach((index, amount) -> {
            JsonNode app = index >= 0 ? applications.path(index) : null;
            String name = app == null || app.isMissingNode() ? "Discount"
                    : app.hasNonNull("code") ? app.path("code").asText()
                    : app.hasNonNull("title") ? app.path("title").asText() : app.path("description").asText("Discount");
            discounts.add(new PosOrder.Adjustment(index >= 0 ? Integer.toString(index) : null, name, amount));
        });
        List<PosOrder.Tax> taxList = new ArrayList<>();
        taxes.forEach((key, t) -> taxList.add(new PosOrder.Tax(null, t.name, t.rate, t.amount, included)));
        BigDecimal tips = money.amount(o.path("total_tip_received"));
        OrderState state = state(o);
        String created = utc(o.path("created_at").asText(null));
        String closed = utc(o.path("closed_at").asText(null));
        if (closed == null) {
            closed = utc(o.path("cancelled_at").asText(null));
        }
        LocalDate day = businessDay(o.path("created_at").asText(null));
        return new PosOrder(text(o.path("id")), VENDOR, text(o.path("location_id")), money.currency(), state,
                created, utc(o.path("updated_at").asText(null)), closed, day,
                businessDayEnd(day, o.path("created_at").asText(null)), version(o), text(o.path("customer").path("id")), lines, discounts, taxList, charges, tips, money.zero(),
                tenders(o, state, transactions, money, tips));
    }

    /** One record per refund of the order, its version the order's. */
    List<PosRefund> refunds(JsonNode o) {
        ShopifyMoney money = ShopifyMoney.of(o.path("currency").asText("USD"));
        boolean included = o.path("taxes_included").asBoolean(false);
        List<PosRefund> out = new ArrayList<>();
        Map<String, JsonNode> orderLines = new LinkedHashMap<>();
        o.path("line_items").forEach(item -> orderLines.put(text(item.path("id")), item));
        for (JsonNode r : o.path("refunds")) {
            List<PosRefund.Line> lines = new ArrayList<>();
            BigDecimal tax = money.zero();
            BigDecimal computed = money.zero();
            for (JsonNode item : r.path("refund_line_items")) {
                BigDecimal subtotal = money.amount(item.path("subtotal"));
                BigDecimal lineTax = money.amount(item.path("total_tax"));
                BigDecimal amount = included ? subtotal : subtotal.add(lineTax);
                String original = text(item.path("line_item_id"));
                // The order's own line first: a refund's embedded line_item may be partial.
                JsonNode returned = orderLines.containsKey(original) ? orderLines.get(original)
                        : item.path("line_item").isObject() ? item.path("line_item") : null;
                lines.add(new PosRefund.Line(original, item.path("line_item").path("sku").asText(null),
                        original == null || returned == null ? null : category(returned),
                        quantity(item.path("quantity")), amount, lineTax));
                tax = tax.add(lineTax);
                computed = computed.add(amount);
            }
            for (JsonNode adjustment : r.path("order_adjustments")) {
                // Adjustments are negative (what the order gives back): shipping, tips, discrepancies.
                computed = computed.subtract(money.amount(adjustment.path("amount")));
                tax = tax.subtract(money.amount(adjustment.path("tax_amount")));
            }
            List<PosOrder.Tender> tenders = new ArrayList<>();
            BigDecimal refunded = money.zero();
            boolean anyOk = false;
            boolean anyPending = false;
            for (JsonNode t : r.path("transactions")) {
                if (!"refund".equals(t.path("kind").asText())) {
                    continue;
                }
                String status = t.path("status").asText("success");
                anyOk |= "success".equals(status);
                anyPending |= "pending".equals(status);
                if ("success".equals(status)) {
                    BigDecimal amount = money.amount(t.path("amount"));
                    refunded = refunded.add(amount);
                    tenders.add(new PosOrder.Tender(text(t.path("id")), kind(t.path("gateway").asText(), t), amount,
                            null, null, text(t.path("parent_id")), null));
                }
            }
            String status = r.path("transactions").isEmpty() || anyOk ? "completed" : anyPending ? "pending" : "failed";
            String created = utc(r.path("created_at").asText(null));
            LocalDate day = businessDay(r.path("created_at").asText(null));
            out.add(new PosRefund(text(r.path("id")), VENDOR, text(o.path("id")), text(o.path("location_id")),
                    money.currency(), status, created, utc(o.path("updated_at").asText(null)),
                    day, businessDayEnd(day, r.path("created_at").asText(null)), r.path("note").asText(null), lines,
                    tenders.isEmpty() ? computed : refunded, tax, tenders));
        }
        return out;
    }

    /**
     * One payment per {@code sale} or {@code capture} transaction, and per authorization that was not
     * captured; what was refunded of each is the sum of the successful refunds that name it.
     */
    List<PosPayment> payments(JsonNode o, List<JsonNode> transactions) {
        ShopifyMoney money = ShopifyMoney.of(o.path("currency").asText("USD"));
        Map<String, BigDecimal> refunded = new LinkedHashMap<>();
        Set<String> captured = new LinkedHashSet<>();
        Set<String> voided = new LinkedHashSet<>();
        for (JsonNode t : transactions) {
            String parent = text(t.path("parent_id"));
            if (parent == null || !"success".equals(t.path("status").asText())) {
                continue;
            }
            switch (t.path("kind").asText()) {
                case "refund" -> refunded.merge(parent, money.amount(t.path("amount")), BigDecimal::add);
                case "capture" -> captured.add(parent);
                case "void" -> voided.add(parent);
                default -> {
                }
            }
        }
        String tipHolder = tipHolder(transactions);
        BigDecimal tips = money.amount(o.path("total_tip_received"));
        List<PosPayment> out = new ArrayList<>();
        for (JsonNode t : transactions) {
            String kind = t.path("kind").asText();
            String id = text(t.path("id"));
            boolean payment = "sale".equals(kind) || "capture".equals(kind)
                    || "authorization".equals(kind) && !captured.contains(id);
            if (!payment) {
                continue;
            }
            String status = switch (t.path("status").asText("success")) {
                case "success" -> "authorization".equals(kind) ? voided.contains(id) ? "canceled" : "approved"
                        : "completed";
                case "pending" -> "pending";
                default -> "failed";
            };
            String created = utc(t.path("created_at").asText(null));
            LocalDate day = businessDay(t.path("created_at").asText(null));
            out.add(new PosPayment(id, VENDOR, text(o.path("id")), text(o.path("location_id")), money.currency(),
                    kind(t.path("gateway").asText(), t), status, created, utc(o.path("updated_at").asText(null)),
                    day, businessDayEnd(day, t.path("created_at").asText(null)), money.amount(t.path("amount")),
                    id.equals(tipHolder) ? tips : money.zero(), refunded.getOrDefault(id, money.zero()), null,
                    t.path("payment_details").path("credit_card_company").asText(null), false));
        }
        return out;
    }

    private PosOrder.Line line(JsonNode item, ShopifyMoney money, boolean included,
            Map<Integer, BigDecimal> discountShares, Map<String, TaxTotal> taxes) {
        BigDecimal quantity = quantity(item.path("quantity"));
        BigDecimal price = money.amount(item.path("price"));
        BigDecimal paid = money.round(price.multiply(quantity));
        BigDecimal discount = money.zero();
        for (JsonNode allocation : item.path("discount_allocations")) {
            discount = discount.add(money.amount(allocation.path("amount")));
        }
        BigDecimal rate = BigDecimal.ZERO;
        for (JsonNode t : item.path("tax_lines")) {
            rate = rate.add(decimal(t.path("rate")));
        }
        BigDecimal tax = addTaxes(item.path("tax_lines"), money, taxes);
        BigDecimal gross = paid;
        BigDecimal lineDiscount = discount;
        BigDecimal unit = price;
        if (included) {
            if (discount.signum() != 0 && rate.signum() > 0) {
                gross = money.round(paid.divide(BigDecimal.ONE.add(rate), MathContext.DECIMAL64));
                lineDiscount = gross.subtract(paid.subtract(discount).subtract(tax));
            } else {
                gross = paid.subtract(tax);
            }
            unit = rate.signum() > 0 ? money.round(price.divide(BigDecimal.ONE.add(rate), MathContext.DECIMAL64)) : price;
        }
        share(item.path("discount_allocations"), discount, lineDiscount, money, discountShares);
        List<PosOrder.Modifier> modifiers = new ArrayList<>();
        for (JsonNode p : item.path("properties")) {
            String name = p.path("name").asText("");
            if (name.startsWith("_")) {
                continue;
            }
            JsonNode value = p.path("value");
            String shown = value.isContainerNode() ? value.toString() : value.isNull() || value.isMissingNode() ? ""
                    : value.asText();
            modifiers.add(new PosOrder.Modifier(null, shown.isEmpty() ? name : name + ": " + shown, money.zero()));
        }
        LineKind kind = kind(item);
        return new PosOrder.Line(text(item.path("id")), kind, text(item.path("product_id")),
                text(item.path("variant_id")), item.path("sku").asText(null), item.path("name")
                .asText(item.path("title").asText(null)), category(item), quantity, unit, modifiers, gross, lineDiscount, tax);
    }

    private static LineKind kind(JsonNode item) {
        return item.path("gift_card").asBoolean(false) ? LineKind.GIFT_CARD
                : item.path("product_id").isNull() || item.path("product_id").isMissingNode() ? LineKind.CUSTOM_AMOUNT
                : LineKind.ITEM;
    }

    /** A product line's category: its product's type; null for gift cards and custom lines. */
    private String category(JsonNode item) {
        return kind(item) == LineKind.ITEM ? productTypes.apply(text(item.path("product_id"))) : null;
    }

    /**
     * When business day {@code day} ends: the next day's close-out in the shop's time zone, or without
     * one in the offset of {@code shopTime} (RFC 3339, UTC); null without a day.
     */
    String businessDayEnd(LocalDate day, String shopTime) {
        if (day == null) {
            return null;
        }
        ZoneId zone = shopZone == null ? parse(shopTime).getOffset() : shopZone.get();
        return ZonedDateTime.of(day.plusDays(1).atTime(closeOut), zone).toInstant().toString();
    }

    /**
     * Books a line's canonical discount to the discount applications its allocations name, in
     * proportion to what each allocated (the last takes the remainder).
     */
    private static void share(JsonNode allocations, BigDecimal allocated, BigDecimal canonical, ShopifyMoney money,
            Map<Integer, BigDecimal> shares) {
        if (canonical.signum() == 0 && allocated.signum() == 0) {
            return;
        }
        if (allocations.isEmpty() || allocated.signum() == 0) {
            shares.merge(-1, canonical, BigDecimal::add);
            return;
        }
        BigDecimal given = money.zero();
        for (int i = 0; i < allocations.size(); i++) {
            JsonNode a = allocations.get(i);
            BigDecimal part = i == allocations.size() - 1 ? canonical.subtract(given)
                    : money.round(canonical.multiply(money.amount(a.path("amount")))
                    .divide(allocated, MathContext.DECIMAL64));
            given = given.add(part);
            shares.merge(a.path("discount_application_index").asInt(-1), part, BigDecimal::add);
        }
    }

    /** A running total of one tax (by title and rate). */
    private static final class TaxTotal {
        final String name;
        final BigDecimal rate;
        BigDecimal amount;

        TaxTotal(String name, BigDecimal rate, BigDecimal amount) {
            this.name = name;
            this.rate = rate;
            this.amount = amount;
        }
    }

    /** Adds {@code tax_lines} to the order's taxes; answers their sum. */
    private static BigDecimal addTaxes(JsonNode taxLines, ShopifyMoney money, Map<String, TaxTotal> taxes) {
        BigDecimal sum = money.zero();
        for (JsonNode t : taxLines) {
            BigDecimal amount = money.amount(t.path("price"));
            BigDecimal rate = t.hasNonNull("rate") ? decimal(t.path("rate")).movePointRight(2).stripTrailingZeros() : null;
            String name = t.path("title").asText("Tax");
            TaxTotal total = taxes.computeIfAbsent(name + "@" + rate, k -> new TaxTotal(name, rate, money.zero()));
            total.amount = total.amount.add(amount);
            sum = sum.add(amount);
        }
        return sum;
    }

    private static List<PosOrder.Tender> tenders(JsonNode o, OrderState state, List<JsonNode> transactions,
            ShopifyMoney money, BigDecimal tips) {
        if (state == OrderState.VOIDED) {
            return List.of();
        }
        List<PosOrder.Tender> out = new ArrayList<>();
        if (!needsTransactions(o)) {
            if (PAID.contains(o.path("financial_status").asText())) {
                List<String> gateways = gateways(o);
                String gateway = gateways.isEmpty() ? "other" : gateways.get(0);
                out.add(new PosOrder.Tender(text(o.path("id")) + ":" + gateway, kind(gateway, null),
                        money.amount(o.path("total_price")).subtract(money.amount(o.path("total_outstanding"))), tips,
                        null, null, null));
            }
            return out;
        }
        if (transactions == null) {
            throw new IllegalStateException("the tenders of order " + text(o.path("id")) + " need its transactions");
        }
        String tipHolder = tipHolder(transactions);
        for (JsonNode t : transactions) {
            String kind = t.path("kind").asText();
            if (("sale".equals(kind) || "capture".equals(kind)) && "success".equals(t.path("status").asText())) {
                String id = text(t.path("id"));
                out.add(new PosOrder.Tender(id, kind(t.path("gateway").asText(), t), money.amount(t.path("amount")),
                        id.equals(tipHolder) ? tips : money.zero(), null, id,
                        t.path("payment_details").path("credit_card_company").asText(null)));
            }
        }
        return out;
    }

    /** The transaction the order's tip is paid with: the last successful sale or capture not by gift card. */
    private static String tipHolder(List<JsonNode> transactions) {
        String holder = null;
        String any = null;
        for (JsonNode t : transactions) {
            String kind = t.path("kind").asText();
            if (("sale".equals(kind) || "capture".equals(kind)) && "success".equals(t.path("status").asText())) {
                any = text(t.path("id"));
                if (!"gift_card".equals(t.path("gateway").asText())) {
                    holder = any;
                }
            }
        }
        return holder == null ? any : holder;
    }

    private static List<String> gateways(JsonNode order) {
        Set<String> names = new LinkedHashSet<>();
        order.path("payment_gateway_names").forEach(g -> names.add(g.asText()));
        return List.copyOf(names);
    }

    static TenderKind kind(String gateway, JsonNode transaction) {
        return switch (gateway == null ? "" : gateway) {
            case "cash" -> TenderKind.CASH;
            case "gift_card" -> TenderKind.GIFT_CARD;
            case "shopify_payments" -> TenderKind.CARD;
            default -> transaction != null && transaction.path("payment_details").hasNonNull("credit_card_company")
                    ? TenderKind.CARD : TenderKind.OTHER;
        };
    }

    private static OrderState state(JsonNode o) {
        if (!o.path("cancelled_at").isNull() && !o.path("cancelled_at").isMissingNode()) {
            return OrderState.VOIDED;
        }
        return PAID.contains(o.path("financial_status").asText()) ? OrderState.COMPLETED : OrderState.OPEN;
    }

    /** The business day of a Shopify time, in the offset Shopify wrote it with (the shop's). */
    LocalDate businessDay(String shopTime) {
        if (shopTime == null || shopTime.isEmpty()) {
            return null;
        }
        LocalDateTime local = parse(shopTime).toLocalDateTime();
        return local.toLocalTime().isBefore(closeOut) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    /** An ISO 8601 time with offset as a UTC instant ({@code 2026-03-02T15:04:05Z}); null for none. */
    static String utc(String shopTime) {
        return shopTime == null || shopTime.isEmpty() ? null : parse(shopTime).toInstant().toString();
    }

    private static OffsetDateTime parse(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConnectorException(Category.SYSTEM, "Shopify sent a time that is not ISO 8601: "
                    + (text.length() > 40 ? text.substring(0, 40) : text), e);
        }
    }

    static BigDecimal quantity(JsonNode value) {
        try {
            return value.isMissingNode() || value.isNull() ? BigDecimal.ONE : new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw new ConnectorException(Category.SYSTEM, "Shopify sent a quantity that is not a number");
        }
    }

    private static BigDecimal decimal(JsonNode value) {
        try {
            return value.isMissingNode() || value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** A scalar id as text; null when absent. */
    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() ? null : node.asText();
    }
}
