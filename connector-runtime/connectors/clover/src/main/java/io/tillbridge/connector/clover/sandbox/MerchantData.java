package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one merchant has, as Clover's JSON objects with every nested list in full (the API
 * trims them to what a request expands). Orders, payments and refunds are kept in the order they
 * were created; the catalog in the order it was seeded.
 */
final class MerchantData {

    /** A change a webhook message will report: {@code objectId} is the type prefix and the id. */
    record Change(String objectId, String type, Instant at) {
    }

    final String id;
    final CloverMerchant profile;
    final ZoneId zone;
    final Instant createdTime;
    final ObjectNode merchant;
    final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    final Map<String, ObjectNode> payments = new LinkedHashMap<>();
    final Map<String, ObjectNode> refunds = new LinkedHashMap<>();
    final Map<String, ObjectNode> items = new LinkedHashMap<>();
    final Map<String, ObjectNode> itemGroups = new LinkedHashMap<>();
    final Map<String, ObjectNode> categories = new LinkedHashMap<>();
    final Map<String, ObjectNode> modifierGroups = new LinkedHashMap<>();
    final Map<String, ObjectNode> taxRates = new LinkedHashMap<>();
    final Map<String, ObjectNode> discounts = new LinkedHashMap<>();
    final Map<String, ObjectNode> tenders = new LinkedHashMap<>();
    final Map<String, ObjectNode> devices = new LinkedHashMap<>();
    final Map<String, ObjectNode> employees = new LinkedHashMap<>();
    final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    /** By item id. */
    final Map<String, ObjectNode> itemStocks = new LinkedHashMap<>();
    private final Map<String, List<String>> paymentsByOrder = new LinkedHashMap<>();
    private final Map<String, List<String>> refundsByOrder = new LinkedHashMap<>();
    private final Map<String, List<String>> refundsByPayment = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();

    MerchantData(String id, CloverMerchant profile, Instant createdTime, ObjectNode merchant) {
        this.id = id;
        this.profile = profile;
        this.zone = ZoneId.of(profile.timeZone());
        this.createdTime = createdTime;
        this.merchant = merchant;
    }

    void addPayment(ObjectNode payment) {
        String id = payment.path("id").asText();
        payments.put(id, payment);
        paymentsByOrder.computeIfAbsent(payment.path("order").path("id").asText(), k -> new ArrayList<>()).add(id);
    }

    void addRefund(ObjectNode refund) {
        String id = refund.path("id").asText();
        refunds.put(id, refund);
        refundsByOrder.computeIfAbsent(refund.path("orderRef").path("id").asText(), k -> new ArrayList<>()).add(id);
        refundsByPayment.computeIfAbsent(refund.path("payment").path("id").asText(), k -> new ArrayList<>())
                .add(id);
    }

    List<ObjectNode> paymentsOf(String orderId) {
        return lookUp(paymentsByOrder.get(orderId), payments);
    }

    List<ObjectNode> refundsOf(String orderId) {
        return lookUp(refundsByOrder.get(orderId), refunds);
    }

    List<ObjectNode> refundsOfPayment(String paymentId) {
        return lookUp(refundsByPayment.get(paymentId), refunds);
    }

    /** Records a change for the next webhook message ({@code O}, {@code P}, {@code I}, {@code C}, {@code IC}). */
    void changed(String prefix, String objectId, String type, Instant at) {
        changes.add(new Change(prefix + ":" + objectId, type, at));
    }

    /** The changes since the last call, oldest first. */
    List<Change> drainChanges() {
        List<Change> out = new ArrayList<>(changes);
        out.sort(java.util.Comparator.comparing(Change::at));
        changes.clear();
        return out;
    }

    private static List<ObjectNode> lookUp(List<String> ids, Map<String, ObjectNode> from) {
        List<ObjectNode> out = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                out.add(from.get(id));
            }
        }
        return out;
    }
}
