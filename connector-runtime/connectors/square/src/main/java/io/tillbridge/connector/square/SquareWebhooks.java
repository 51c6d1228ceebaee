package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.rest.JsonValues;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.pos.PosStreams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Square's webhook deliveries: verified and read into changes.
 *
 * <p>Square signs each delivery with {@code x-square-hmacsha256-signature} = base64(HMAC-SHA256(key =
 * the subscription's signature key, message = the notification URL followed by the raw body))
 * (Square, "Verify and Validate an Event Notification"). It signs no timestamp, so there is no
 * freshness window to check; a replayed delivery is caught by its {@code event_id} instead.
 *
 * <p>An event is {@code {merchant_id, type, event_id, created_at, data{type, id, object}}}. Order
 * events carry only {@code {order_id, version, state, ...}}: the order is fetched
 * ({@code orders} and {@code pos.orders}). Payment and refund events carry the whole object, which
 * is applied as the {@code payments} or {@code refunds} record. Other event types name no change.
 */
final class SquareWebhooks {

    static final String SIGNATURE_HEADER = "x-square-hmacsha256-signature";

    /** The event types the connector subscribes to. */
    static final List<String> EVENT_TYPES = List.of("order.created", "order.updated", "payment.created",
            "payment.updated", "refund.created", "refund.updated");

    /** An HMAC-SHA256 in base64 has 44 characters; anything much longer is not a signature. */
    private static final int MAX_SIGNATURE_CHARS = 200;

    private static final Set<String> ORDER_TYPES = Set.of("order.created", "order.updated", "order.fulfillment.updated");

    private SquareWebhooks() {
    }

    static WebhookDelivery receive(String signatureKey, WebhookRequest request) {
        byte[] body = request.body();
        verify(signatureKey, request.url(), body, request.header(SIGNATURE_HEADER).orElse(null));
        JsonNode event;
        try {
            event = SquareApi.JSON.readTree(body);
        } catch (IOException e) {
            throw new ConnectorException(Category.CONFIG, "The Square event is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new ConnectorException(Category.CONFIG, "The Square event is not a JSON object");
        }
        String eventId = event.path("event_id").asText("");
        String type = event.path("type").asText("");
        if (eventId.isEmpty() || eventId.length() > 200 || type.isEmpty() || type.length() > 200) {
            throw new ConnectorException(Category.CONFIG, "The Square event has no event_id or type");
        }
        return WebhookDelivery.of(List.of(new WebhookEvent(eventId, type, instant(event.path("created_at").asText("")),
                changes(type, event.path("data")))));
    }

    /** Checks the signature in constant time; AUTH when it is missing or does not match. */
    static void verify(String signatureKey, String url, byte[] body, String signature) {
        if (signatureKey == null || signatureKey.isEmpty()) {
            throw new ConnectorException(Category.AUTH, "The connection has no Square signature key");
        }
        if (signature == null || signature.isBlank() || signature.length() > MAX_SIGNATURE_CHARS) {
            throw new ConnectorException(Category.AUTH, "The delivery has no " + SIGNATURE_HEADER + " header");
        }
        byte[] expected = sign(signatureKey, url, body);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Category.AUTH, SIGNATURE_HEADER + " is not base64");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ConnectorException(Category.AUTH, SIGNATURE_HEADER + " does not match the body");
        }
    }

    /** HMAC-SHA256(signature key, URL bytes followed by the raw body bytes). */
    static byte[] sign(String signatureKey, String url, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(url.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static List<ChangedObject> changes(String type, JsonNode data) {
        List<ChangedObject> out = new ArrayList<>();
        JsonNode object = data.path("object");
        if (ORDER_TYPES.contains(type)) {
            JsonNode order = object.path("order_updated").isObject() ? object.path("order_updated")
                    : object.path("order_created").isObject() ? object.path("order_created")
                    : object.path("order_fulfillment_updated");
            String id = order.path("order_id").asText(data.path("id").asText(""));
            if (!id.isEmpty()) {
                String version = order.hasNonNull("version") ? order.path("version").asText() : null;
                out.add(ChangedObject.toFetch(SquareStreams.ORDERS, id, version));
                out.add(ChangedObject.toFetch(PosStreams.ORDERS, id, version));
            }
        } else if (type.startsWith("payment.") && object.path("payment").isObject()) {
            out.add(ChangedObject.carried(carried(SquareStreams.PAYMENTS, object.path("payment"))));
        } else if (type.startsWith("refund.") && object.path("refund").isObject()) {
            out.add(ChangedObject.carried(carried(SquareStreams.REFUNDS, object.path("refund"))));
        }
        return out;
    }

    /** The object as the vendor stream's read emits it: key {@code id}, version {@code version} else {@code updated_at}. */
    private static SourceRecord carried(String stream, JsonNode object) {
        String id = object.path("id").asText("");
        if (id.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, "The Square event's " + stream + " object has no id");
        }
        String version = object.hasNonNull("version") ? object.path("version").asText()
                : JsonValues.text(object.path("updated_at"));
        return new SourceRecord(stream, id, version, JsonValues.toMap(object));
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
