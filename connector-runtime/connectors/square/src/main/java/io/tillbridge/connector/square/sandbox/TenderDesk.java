package io.tillbridge.connector.square.sandbox;

import static io.tillbridge.connector.square.sandbox.SquareJson.amount;
import static io.tillbridge.connector.square.sandbox.SquareJson.money;
import static io.tillbridge.connector.square.sandbox.SquareJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Takes payment for orders and gives refunds: each tender of an order is a {@code Payment} of the
 * Payments API ({@code Tender.amount_money} equals {@code Payment.total_money}, tip included), and
 * each refund is a {@code PaymentRefund} plus a {@code Refund} on the order that carries it.
 */
final class TenderDesk {

    /** How an order is paid. */
    enum Kind { CARD, CASH, SPLIT, GIFT_CARD_AND_CARD }

    private static final String[] BRANDS = {"VISA", "VISA", "MASTERCARD", "MASTERCARD", "AMERICAN_EXPRESS", "DISCOVER"};
    private static final String[] ENTRY = {"CONTACTLESS", "CONTACTLESS", "EMV", "SWIPED"};

    private final SandboxData data;
    private final SquareMerchant merchant;
    private final Random random;
    private final SquareIds ids;
    private final OrderPricing pricing;
    private final SandboxEvents recorder;

    TenderDesk(SandboxData data, Random random, SquareIds ids, OrderPricing pricing, SandboxEvents recorder) {
        this.data = data;
        this.merchant = data.merchant();
        this.random = random;
        this.ids = ids;
        this.pricing = pricing;
        this.recorder = recorder;
    }

    /** Pays the order's whole total at {@code at}; the payments reach the API at {@code visibleAt}. */
    void pay(ObjectNode order, Kind kind, Instant at, Instant visibleAt, boolean offline) {
        long due = amount(order.path("total_money"));
        long tip = tip(due);
        switch (kind) {
            case CASH -> tender(order, "CASH", due, 0, at, visibleAt, offline);
            case SPLIT -> {
                long unit = 100;
                long cash = Math.max(unit, due / 2 / unit * unit);
                if (cash >= due) {
                    tender(order, "CASH", due, 0, at, visibleAt, offline);
                } else {
                    tender(order, "CASH", cash, 0, at, visibleAt, offline);
                    tender(order, "CARD", due - cash, tip, at, visibleAt, offline);
                }
            }
            case GIFT_CARD_AND_CARD -> {
                long balance = due * (30 + random.nextInt(100)) / 100;
                if (balance >= due) {
                    tender(order, "SQUARE_GIFT_CARD", due, 0, at, visibleAt, offline);
                } else {
                    tender(order, "SQUARE_GIFT_CARD", Math.max(1, balance), 0, at, visibleAt, offline);
                    tender(order, "CARD", due - Math.max(1, balance), tip, at, visibleAt, offline);
                }
            }
            default -> tender(order, "CARD", due, tip, at, visibleAt, offline);
        }
        pricing.totals(order);
    }

    /** Pays {@code amount} of the order by card, without a tip (an exchange's difference). */
    void payExactly(ObjectNode order, long amount, Instant at) {
        tender(order, "CARD", amount, 0, at, at, false);
        pricing.totals(order);
    }

    /**
     * Refunds {@code amount} of {@code source}'s payments, first tender first, at {@code at}; the
     * refunds are listed on {@code carrier} (the source itself, or the order with the returns).
     */
    void refund(ObjectNode source, ObjectNode carrier, long amount, String reason, Instant at) {
        long left = amount;
        for (JsonNode tender : source.path("tenders")) {
            if (left == 0) {
                break;
            }
            SandboxData.Stored stored = data.storedPayment(tender.path("payment_id").asText());
            ObjectNode payment = stored.node();
            long refundable = amount(payment.path("total_money")) - amount(payment.path("refunded_money"));
            long part = Math.min(left, refundable);
            if (part <= 0) {
                continue;
            }
            left -= part;
            String id = ids.refund(payment.path("id").asText());
            ObjectNode refund = SquareJson.object();
            refund.put("id", id);
            refund.put("status", "PENDING");
            refund.put("location_id", payment.path("location_id").asText());
            refund.put("destination_type", "CASH".equals(payment.path("source_type").asText()) ? "CASH" : "CARD");
            refund.set("amount_money", money(part, merchant.currency()));
            refund.put("payment_id", payment.path("id").asText());
            refund.put("order_id", carrier.path("id").asText());
            refund.put("reason", reason);
            refund.put("created_at", time(at));
            refund.put("updated_at", time(at));
            ObjectNode created = SquareJson.object();
            created.set("refund", refund.deepCopy());
            recorder.publish("refund.created", at, "refund", id, created);
            Instant done = at.plus(Duration.ofSeconds(30));
            refund.put("status", "COMPLETED");
            refund.put("updated_at", time(done));
            data.putRefund(refund, at);
            ObjectNode updated = SquareJson.object();
            updated.set("refund", refund.deepCopy());
            recorder.publish("refund.updated", done, "refund", id, updated);

            ObjectNode orderRefund = carrierRefunds(carrier).addObject();
            orderRefund.put("id", id);
            orderRefund.put("location_id", carrier.path("location_id").asText());
            orderRefund.put("transaction_id", source.path("id").asText());
            orderRefund.put("tender_id", tender.path("id").asText());
            orderRefund.put("created_at", time(at));
            orderRefund.put("reason", reason);
            orderRefund.set("amount_money", money(part, merchant.currency()));
            orderRefund.put("status", "APPROVED");

            payment.set("refunded_money", money(amount(payment.path("refunded_money")) + part, merchant.currency()));
            ArrayNode refundIds = payment.has("refund_ids") ? (ArrayNode) payment.get("refund_ids")
                    : payment.putArray("refund_ids");
            refundIds.add(id);
            payment.put("updated_at", time(at));
            payment.put("version_token", ids.uid());
            ObjectNode object = SquareJson.object();
            object.set("payment", payment.deepCopy());
            recorder.publish("payment.updated", at, "payment", payment.path("id").asText(), object);
        }
    }

    private static ArrayNode carrierRefunds(ObjectNode carrier) {
        return carrier.has("refunds") ? (ArrayNode) carrier.get("refunds") : carrier.putArray("refunds");
    }

    private long tip(long due) {
        int chance = switch (merchant.country()) {
            case "US" -> 50;
            case "GB" -> 15;
            default -> 0;
        };
        if (random.nextInt(100) >= chance) {
            return 0;
        }
        return OrderPricing.percentOf(due, BigDecimal.valueOf(10 + 5 * random.nextInt(3)));
    }

    private void tender(ObjectNode order, String type, long amount, long tip, Instant at, Instant visibleAt,
            boolean offline) {
        String currency = merchant.currency();
        String paymentId = ids.payment();
        ArrayNode tenders = order.has("tenders") ? (ArrayNode) order.get("tenders") : order.putArray("tenders");
        ObjectNode tender = tenders.addObject();
        tender.put("id", paymentId);
        tender.put("location_id", order.path("location_id").asText());
        tender.put("transaction_id", order.path("id").asText());
        tender.put("created_at", time(at));
        tender.set("amount_money", money(amount + tip, currency));
        if (tip > 0) {
            tender.set("tip_money", money(tip, currency));
        }
        if (order.has("customer_id")) {
            tender.put("customer_id", order.path("customer_id").asText());
        }
        tender.put("type", type);
        ObjectNode payment = SquareJson.object();
        payment.put("id", paymentId);
        payment.put("created_at", time(at));
        payment.put("updated_at", time(visibleAt));
        payment.set("amount_money", money(amount, currency));
        if (tip > 0) {
            payment.set("tip_money", money(tip, currency));
        }
        payment.set("total_money", money(amount + tip, currency));
        payment.set("approved_money", money(amount + tip, currency));
        payment.put("status", "COMPLETED");
        payment.put("source_type", "CASH".equals(type) ? "CASH" : "CARD");
        if ("CASH".equals(type)) {
            long note = "JPY".equals(currency) ? 1000 : 500;
            long supplied = random.nextBoolean() ? amount : (amount + note - 1) / note * note;
            ObjectNode cash = tender.putObject("cash_details");
            cash.set("buyer_tendered_money", money(supplied, currency));
            cash.set("change_back_money", money(supplied - amount, currency));
            ObjectNode paid = payment.putObject("cash_details");
            paid.set("buyer_supplied_money", money(supplied, currency));
            paid.set("change_back_money", money(supplied - amount, currency));
        } else {
            boolean giftCard = "SQUARE_GIFT_CARD".equals(type);
            String brand = giftCard ? "SQUARE_GIFT_CARD" : BRANDS[random.nextInt(BRANDS.length)];
            String last4 = ids.digits(4);
            String entry = giftCard ? "SWIPED" : ENTRY[random.nextInt(ENTRY.length)];
            ObjectNode card = tender.putObject("card_details");
            card.put("status", "CAPTURED");
            card.putObject("card").put("card_brand", brand).put("last_4", last4);
            card.put("entry_method", entry);
            long fee = fee(amount + tip);
            tender.set("processing_fee_money", money(fee, currency));
            ObjectNode details = payment.putObject("card_details");
            details.put("status", "CAPTURED");
            ObjectNode paidCard = details.putObject("card");
            paidCard.put("card_brand", brand);
            paidCard.put("last_4", last4);
            paidCard.put("exp_month", 1 + random.nextInt(12));
            paidCard.put("exp_year", 2027 + random.nextInt(5));
            paidCard.put("fingerprint", "sq-1-" + ids.uid());
            paidCard.put("card_type", giftCard ? "CREDIT" : random.nextBoolean() ? "CREDIT" : "DEBIT");
            paidCard.put("bin", ids.digits(6));
            details.put("entry_method", entry);
            details.put("cvv_status", "CVV_NOT_CHECKED");
            details.put("avs_status", "AVS_NOT_CHECKED");
            details.put("statement_description", "SQ *TILLBRIDGE SANDBOX");
            ArrayNode fees = payment.putArray("processing_fee");
            ObjectNode f = fees.addObject();
            f.put("effective_at", time(at));
            f.put("type", "INITIAL");
            f.set("amount_money", money(fee, currency));
        }
        tender.put("payment_id", paymentId);
        payment.put("location_id", order.path("location_id").asText());
        payment.put("order_id", order.path("id").asText());
        if (order.has("customer_id")) {
            payment.put("customer_id", order.path("customer_id").asText());
        }
        payment.put("receipt_number", paymentId.substring(0, 4));
        payment.put("is_offline_payment", offline);
        if (offline) {
            payment.putObject("offline_payment_details").put("client_created_at", time(at));
        }
        payment.putObject("application_details").put("square_product", "SQUARE_POS");
        payment.put("version_token", ids.uid());
        data.putPayment(payment, visibleAt);
        ObjectNode object = SquareJson.object();
        object.set("payment", payment.deepCopy());
        recorder.publish("payment.created", visibleAt, "payment", paymentId, object);
    }

    /** Square's in-person processing fee: 2.6 % + 15 cents in the US, 1.75 % in the UK, 3.25 % in Japan. */
    private long fee(long amount) {
        return switch (merchant.country()) {
            case "US" -> OrderPricing.percentOf(amount, new BigDecimal("2.6")) + 15;
            case "GB" -> OrderPricing.percentOf(amount, new BigDecimal("1.75"));
            default -> OrderPricing.percentOf(amount, new BigDecimal("3.25"));
        };
    }
}
