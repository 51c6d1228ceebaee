package io.tillbridge.vendorhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Square webhook events as Square sends them, and their signature, for tests that deliver by hand. */
public final class SquareEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private SquareEvents() {
    }

    /** {@code order.updated} naming the order at {@code version}. */
    static String orderUpdated(String eventId, String orderId, String locationId, int version) {
        ObjectNode event = envelope(eventId, "order.updated", "order_updated", orderId);
        ((ObjectNode) event.path("data")).putObject("object").putObject("order_updated").put("order_id", orderId)
                .put("version", version).put("location_id", locationId).put("state", "COMPLETED");
        return event.toString();
    }

    /** {@code payment.updated} carrying the whole payment. */
    static String paymentUpdated(String eventId, String paymentId, String status, String updatedAt) {
        ObjectNode event = envelope(eventId, "payment.updated", "payment", paymentId);
        ObjectNode payment = ((ObjectNode) event.path("data")).putObject("object").putObject("payment");
        payment.put("id", paymentId).put("status", status).put("updated_at", updatedAt).put("created_at",
                "2026-12-01T10:00:00Z");
        payment.putObject("amount_money").put("amount", 1250).put("currency", "USD");
        return event.toString();
    }

    /** {@code refund.created} carrying the whole refund of an order. */
    static String refundCreated(String eventId, String refundId, String orderId, String updatedAt) {
        ObjectNode event = envelope(eventId, "refund.created", "refund", refundId);
        ObjectNode refund = ((ObjectNode) event.path("data")).putObject("object").putObject("refund");
        refund.put("id", refundId).put("status", "COMPLETED").put("order_id", orderId).put("updated_at", updatedAt)
                .put("created_at", updatedAt);
        refund.putObject("amount_money").put("amount", 500).put("currency", "USD");
        return event.toString();
    }

    private static ObjectNode envelope(String eventId, String type, String dataType, String id) {
        ObjectNode event = JSON.createObjectNode();
        event.put("merchant_id", "MLTEST").put("type", type).put("event_id", eventId)
                .put("created_at", "2026-12-07T10:00:00Z");
        event.putObject("data").put("type", dataType).put("id", id);
        return event;
    }

    /** base64(HMAC-SHA256(key, url + body)), as Square signs. */
    public static String sign(String key, String url, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(url.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
