package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Shopify webhook and reads what it says changed (vendor-apis.md, section 2, Webhooks).
 *
 * <ul>
 *   <li>{@code X-Shopify-Hmac-Sha256} must be base64(HMAC-SHA256(key = the app's secret, message = the raw
 *       body)), compared in constant time; an empty body fails, as in Shopify's own validator.</li>
 *   <li>The headers Shopify's validator requires must be there: topic, shop domain, API version and
 *       webhook id; the shop domain must be the connection's shop.</li>
 *   <li>{@code X-Shopify-Triggered-At}, when present, must be within five minutes of now.</li>
 *   <li>The event id is {@code X-Shopify-Webhook-Id} (the same on every retry of one delivery).</li>
 *   <li>{@code orders/*} payloads are the whole REST order: they carry the {@code orders} record and name
 *       the {@code pos.orders} record for the platform to fetch. The canonical records need what the
 *       payload lacks: their lines' categories (the products' {@code product_type}) and the shop's time
 *       zone (when their business day ends), which only the API tells; so the canonical order is
 *       fetched, and its {@code pos.refunds} come with the next read. {@code refunds/create} names the
 *       order likewise. Products, variants, inventory levels and customers are carried; the
 *       {@code *\/delete} topics mark their object deleted.</li>
 * </ul>
 */
final class ShopifyWebhooks {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The largest body read (Shopify's orders are well below it). */
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final ShopifyConfig config;
    private final ShopifyStreams streams;
    private final Clock clock;

    ShopifyWebhooks(ShopifyConfig config, ShopifyStreams streams, Clock clock) {
        this.config = config;
        this.streams = streams;
        this.clock = clock;
    }

    WebhookDelivery receive(String signingSecret, WebhookRequest request) {
        if (signingSecret == null || signingSecret.isEmpty()) {
            throw new ConnectorException(Category.AUTH, "there is no app secret to verify Shopify's webhooks with");
        }
        String hmac = required(request, "X-Shopify-Hmac-Sha256");
        String topic = required(request, "X-Shopify-Topic");
        String domain = required(request, "X-Shopify-Shop-Domain");
        required(request, "X-Shopify-API-Version");
        String webhookId = required(request, "X-Shopify-Webhook-Id");
        byte[] body = request.body();
        if (body.length == 0 || body.length > MAX_BODY) {
            throw new ConnectorException(Category.AUTH, "the webhook has no body to verify, or one too large");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(hmac.trim());
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Category.AUTH, "the webhook's signature is not base64");
        }
        if (!MessageDigest.isEqual(sign(signingSecret, body), given)) {
            throw new ConnectorException(Category.AUTH, "the webhook's signature does not match its body");
        }
        if (!domain.trim().toLowerCase(Locale.ROOT).equals(config.shopDomain())) {
            throw new ConnectorException(Category.AUTH, "the webhook is from another shop");
        }
        Instant triggered = request.header("X-Shopify-Triggered-At").map(ShopifyWebhooks::time).orElse(null);
        if (triggered != null && Duration.between(triggered, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            throw new ConnectorException(Category.AUTH, "the webhook was triggered more than five minutes from now");
        }
        JsonNode payload;
        try {
            payload = ShopifyApi.JSON.readTree(body);
        } catch (IOException e) {
            throw new ConnectorException(Category.CONFIG, "the webhook's body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new ConnectorException(Category.CONFIG, "the webhook's body is not a JSON object");
        }
        return WebhookDelivery.of(List.of(new WebhookEvent(webhookId, topic, triggered, changes(topic, payload))));
    }

    /** base64 is compared as bytes: the decoded header against the HMAC. */
    static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ChangedObject> changes(String topic, JsonNode p) {
        List<ChangedObject> out = new ArrayList<>();
        String id = ShopifyOrderTranslation.text(p.path("id"));
        switch (topic) {
            case "orders/delete" -> {
                requireId(id, topic);
                out.add(new ChangedObject(ShopifyStreams.ORDERS, id, null, true, null));
                out.add(new ChangedObject(PosStreams.ORDERS, id, null, true, null));
            }
            case "refunds/create" -> {
                String order = ShopifyOrderTranslation.text(p.path("order_id"));
                requireId(order, topic);
                out.add(ChangedObject.toFetch(ShopifyStreams.ORDERS, order, null));
                out.add(ChangedObject.toFetch(PosStreams.ORDERS, order, null));
            }
            case "products/delete" -> {
                requireId(id, topic);
                out.add(new ChangedObject(ShopifyStreams.PRODUCTS, id, null, true, null));
            }
            case "customers/delete" -> {
                requireId(id, topic);
                out.add(new ChangedObject(ShopifyStreams.CUSTOMERS, id, null, true, null));
            }
            case "products/create", "products/update" -> {
                requireId(id, topic);
                out.add(ChangedObject.carried(streams.records(ShopifyStreams.PRODUCTS).apply(p).get(0)));
                ShopifyStreams.variants(p).forEach(v -> out.add(ChangedObject.carried(v)));
            }
            case "customers/create", "customers/update" -> {
                requireId(id, topic);
                out.add(ChangedObject.carried(streams.records(ShopifyStreams.CUSTOMERS).apply(p).get(0)));
            }
            case "inventory_levels/update", "inventory_levels/connect" -> {
                if (!p.hasNonNull("inventory_item_id") || !p.hasNonNull("location_id")) {
                    throw new ConnectorException(Category.CONFIG, "the inventory level names no item or location");
                }
                out.add(ChangedObject.carried(streams.records(ShopifyStreams.INVENTORY_LEVELS).apply(p).get(0)));
            }
            case "inventory_levels/disconnect" -> out.add(new ChangedObject(ShopifyStreams.INVENTORY_LEVELS,
                    p.path("inventory_item_id").asText() + ":" + p.path("location_id").asText(), null, true, null));
            default -> {
                if (topic.startsWith("orders/") && !"orders/edited".equals(topic)) {
                    orders(p, out, topic);
                }
            }
        }
        return out;
    }

    private void orders(JsonNode order, List<ChangedObject> out, String topic) {
        String id = ShopifyOrderTranslation.text(order.path("id"));
        requireId(id, topic);
        List<String> wanted = config.locations();
        if (!wanted.isEmpty() && !wanted.contains(order.path("location_id").asText())) {
            return;
        }
        try {
            out.add(ChangedObject.carried(ShopifyStreams.orderRecord(order)));
            out.add(ChangedObject.toFetch(PosStreams.ORDERS, id, ShopifyOrderTranslation.version(order)));
        } catch (ConnectorException | io.tillbridge.connector.rest.MalformedResponseException e) {
            throw new ConnectorException(Category.CONFIG, "the order in the webhook cannot be read: " + e.getMessage());
        }
    }

    private static void requireId(String id, String topic) {
        if (id == null || id.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, "the " + topic + " webhook names no id");
        }
    }

    private static String required(WebhookRequest request, String header) {
        return request.header(header).filter(v -> !v.isBlank()).orElseThrow(() -> new ConnectorException(
                Category.AUTH, "the webhook lacks the " + header + " header"));
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConnectorException(Category.AUTH, "the webhook's X-Shopify-Triggered-At is not a time");
        }
    }

}
