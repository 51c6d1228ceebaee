package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Clover's webhook deliveries (vendor-apis.md, Clover): an app has one URL, set in Clover's
 * developer dashboard. Clover first POSTs {@code {"verificationCode": "<uuid>"}} without any auth
 * header, and the merchant or the platform pastes the code into the dashboard; from then on every
 * message carries {@code X-Clover-Auth: <the app's auth code>}, a shared secret compared as is (not
 * an HMAC, and nothing timestamped), and the body
 * {@code {"appId", "merchants": {"<mId>": [{"objectId": "O:<id>", "type": "CREATE|UPDATE|DELETE",
 * "ts": <epoch ms>}]}}}.
 *
 * <p>Clover sends no event id, and may repeat a message: the event id is a hash of the app, the
 * merchant, the object, the type and the time, which is the same for a repeat and differs for any
 * other change. Each message names the streams its object's records are in: {@code O} orders and
 * {@code pos.orders}, {@code P} payments and {@code pos.payments}, {@code I} items and
 * {@code pos.items}, each with the version {@code ts} (the records' version is {@code modifiedTime} in
 * epoch milliseconds). Other objects (customers, item stocks) are in no stream and are passed over;
 * refunds are found again by reading {@code pos.refunds}, whose keys a message cannot name. Only the
 * connection's merchant's messages count: an app's message may carry other merchants.
 */
final class CloverWebhooks {

    static final String AUTH_HEADER = "X-Clover-Auth";

    /** The most changes one delivery may carry; a larger one is refused. */
    static final int MAX_CHANGES = 10_000;

    private CloverWebhooks() {
    }

    static WebhookDelivery receive(CloverConfig config, String signingSecret, WebhookRequest request) {
        byte[] raw = request.body();
        String auth = request.header(AUTH_HEADER).orElse(null);
        if (auth == null) {
            String code = verificationCode(parseOrNull(raw));
            if (code != null) {
                return new WebhookDelivery(List.of(), code);
            }
            throw new ConnectorException(Category.AUTH, "the delivery has no " + AUTH_HEADER + " header");
        }
        if (signingSecret == null || signingSecret.isEmpty() || !MessageDigest.isEqual(
                auth.getBytes(StandardCharsets.UTF_8), signingSecret.getBytes(StandardCharsets.UTF_8))) {
            throw new ConnectorException(Category.AUTH, "the delivery's " + AUTH_HEADER
                    + " is not this connection's auth code");
        }
        JsonNode body = parseOrNull(raw);
        if (body == null || !body.isObject()) {
            throw new ConnectorException(Category.CONFIG, "the delivery's body is not a JSON object");
        }
        String code = verificationCode(body);
        if (code != null) {
            return new WebhookDelivery(List.of(), code);
        }
        JsonNode merchants = body.path("merchants");
        if (!merchants.isObject()) {
            throw new ConnectorException(Category.CONFIG, "the delivery has no merchants object");
        }
        String appId = body.path("appId").asText("");
        List<WebhookEvent> events = new ArrayList<>();
        int changes = 0;
        for (Map.Entry<String, JsonNode> merchant : (Iterable<Map.Entry<String, JsonNode>>) merchants::fields) {
            if (!merchant.getValue().isArray()) {
                throw new ConnectorException(Category.CONFIG, "the delivery's merchant entry is not a list");
            }
            if (!merchant.getKey().equals(config.merchantId())) {
                continue;
            }
            for (JsonNode message : merchant.getValue()) {
                if (++changes > MAX_CHANGES) {
                    throw new ConnectorException(Category.CONFIG, "the delivery carries more than " + MAX_CHANGES
                            + " changes");
                }
                WebhookEvent event = event(appId, merchant.getKey(), message);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        return WebhookDelivery.of(events);
    }

    private static WebhookEvent event(String appId, String merchantId, JsonNode message) {
        String objectId = message.path("objectId").asText("");
        String type = message.path("type").asText("");
        int colon = objectId.indexOf(':');
        if (colon <= 0 || colon == objectId.length() - 1 || type.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, "a message of the delivery has no objectId or type");
        }
        String prefix = objectId.substring(0, colon);
        String id = objectId.substring(colon + 1);
        List<String> streams = switch (prefix) {
            case "O" -> List.of(CloverStreams.ORDERS, PosStreams.ORDERS);
            case "P" -> List.of(CloverStreams.PAYMENTS, PosStreams.PAYMENTS);
            case "I" -> List.of(CloverStreams.ITEMS, PosStreams.ITEMS);
            default -> List.of();
        };
        if (streams.isEmpty()) {
            return null;
        }
        JsonNode ts = message.path("ts");
        String version = ts.isIntegralNumber() ? ts.asText() : null;
        boolean deleted = "DELETE".equals(type);
        List<ChangedObject> changes = streams.stream()
                .map(stream -> new ChangedObject(stream, id, version, deleted, null)).toList();
        return new WebhookEvent(eventId(appId, merchantId, objectId, type, ts.asText("")), type,
                version == null ? null : Instant.ofEpochMilli(ts.asLong()), changes);
    }

    /** A stable id for a message Clover sends without one: the same message gives the same id. */
    static String eventId(String appId, String merchantId, String objectId, String type, String ts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest(String.join("\n", appId, merchantId, objectId, type, ts)
                    .getBytes(StandardCharsets.UTF_8));
            return "clover-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The code of a verification POST ({@code {"verificationCode": "..."}} alone), or null. */
    private static String verificationCode(JsonNode body) {
        if (body == null || !body.isObject() || body.has("merchants") || !body.path("verificationCode").isTextual()) {
            return null;
        }
        String code = body.path("verificationCode").asText();
        return code.isEmpty() || code.length() > 200 ? null : code;
    }

    private static JsonNode parseOrNull(byte[] raw) {
        try {
            return raw.length == 0 ? null : CloverApi.JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
