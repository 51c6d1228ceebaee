package io.tillbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Xero's webhook deliveries (xero-webhooks.yaml; developer.xero.com "Webhooks"): the header
 * {@code x-xero-signature} is the base64 HMAC-SHA256 of the raw body under the app's webhook key.
 * A wrong or missing signature fails AUTH, which the platform answers 401, as Xero's
 * "intent to receive" check expects; a right one with no events (the check's own body) is an
 * empty delivery, answered 200. A contact event names a contact to read again; other events carry
 * no stream of this connector and are passed on as events only.
 */
final class XeroWebhooks {

    static final String SIGNATURE_HEADER = "x-xero-signature";

    /** Events per delivery accepted at most (Xero batches events per delivery). */
    static final int MAX_EVENTS = 500;

    private XeroWebhooks() {
    }

    static WebhookDelivery receive(String webhookKey, WebhookRequest request) {
        byte[] body = request.body();
        String signature = request.header(SIGNATURE_HEADER).orElse(null);
        if (webhookKey == null || webhookKey.isEmpty() || signature == null
                || !MessageDigest.isEqual(sign(webhookKey, body), signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new ConnectorException(Category.AUTH, "The Xero delivery's x-xero-signature is missing or wrong");
        }
        JsonNode root;
        try {
            root = XeroApi.JSON.readTree(body);
        } catch (IOException e) {
            throw new ConnectorException(Category.CONFIG, "The Xero delivery is not JSON");
        }
        if (root == null || !root.path("events").isArray()) {
            throw new ConnectorException(Category.CONFIG, "The Xero delivery has no events array");
        }
        if (root.path("events").size() > MAX_EVENTS) {
            throw new ConnectorException(Category.CONFIG, "The Xero delivery has more than " + MAX_EVENTS + " events");
        }
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            String resourceId = event.path("resourceId").asText("");
            String category = event.path("eventCategory").asText("");
            String type = event.path("eventType").asText("");
            String at = event.path("eventDateUtc").asText("");
            if (resourceId.isEmpty() || category.isEmpty() || type.isEmpty() || resourceId.length() > 100) {
                throw new ConnectorException(Category.CONFIG, "A Xero event lacks resourceId, eventCategory or eventType");
            }
            Instant occurred;
            try {
                occurred = Instant.parse(at.endsWith("Z") || at.contains("+") ? at : at + "Z");
            } catch (DateTimeParseException e) {
                occurred = Instant.EPOCH;
            }
            List<WebhookEvent.ChangedObject> changes = "CONTACT".equals(category)
                    ? List.of(WebhookEvent.ChangedObject.toFetch(XeroStreams.CONTACTS, resourceId, occurred.toString()))
                    : List.of();
            events.add(new WebhookEvent(event.path("tenantId").asText("") + ":" + category + ":" + resourceId + ":" + at,
                    category + "." + type, occurred, changes));
        }
        return WebhookDelivery.of(events);
    }

    /** base64(HMAC-SHA256(key, body)) as ASCII bytes. */
    static byte[] sign(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encode(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
