package io.tillbridge.connector.shopify.sandbox;

import io.tillbridge.connector.egress.LoopbackUrls;
import io.tillbridge.connector.egress.LoopbackWebhookPoster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Webhook subscriptions ({@code POST}, {@code GET} and {@code DELETE webhooks.json}) and their
 * delivery. A webhook is the object's REST JSON, POSTed with {@code X-Shopify-Topic},
 * {@code X-Shopify-Hmac-Sha256} = base64(HMAC-SHA256(key = the app's client secret, message = the raw
 * body)), {@code X-Shopify-Shop-Domain}, {@code X-Shopify-API-Version}, {@code X-Shopify-Webhook-Id}
 * (the same on every retry of one delivery), {@code X-Shopify-Event-Id} (the same for every
 * subscription that receives one event) and {@code X-Shopify-Triggered-At}. A delivery that is not
 * answered 2xx is retried. The sandbox delivers only to loopback addresses.
 */
final class WebhookDispatcher implements ShopEvents, AutoCloseable {

    static final Set<String> TOPICS = Set.of("orders/create", "orders/updated", "refunds/create",
            "inventory_levels/update", "products/update");

    private record Subscription(long id, String shop, String topic, String address, ObjectNode json) {
    }

    private final ShopifySandboxOptions options;
    private final Supplier<Instant> clock;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final LoopbackWebhookPoster poster = new LoopbackWebhookPoster("shopify-sandbox-webhooks", null,
            Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final IdSequence ids = new IdSequence(1_100_000_000L);

    WebhookDispatcher(ShopifySandboxOptions options, Supplier<Instant> clock) {
        this.options = options;
        this.clock = clock;
    }

    /** {@code POST webhooks.json}: {@code {"webhook": {topic, address, format}}}. */
    SandboxResponse subscribe(SandboxRequest request) {
        JsonNode wanted = request.bodyObject().path("webhook");
        String topic = wanted.path("topic").asText("");
        String address = wanted.path("address").asText("");
        String format = wanted.path("format").asText("json");
        if (!TOPICS.contains(topic)) {
            throw ShopifyApiException.invalid("topic", "Invalid topic specified: " + topic
                    + ". The sandbox supports " + String.join(", ", TOPICS.stream().sorted().toList()));
        }
        if (!"json".equals(format)) {
            throw ShopifyApiException.invalid("format", "The sandbox delivers only json");
        }
        if (!loopback(address)) {
            throw ShopifyApiException.invalid("address", "The sandbox delivers webhooks only to loopback addresses");
        }
        String shop = request.shop().profile().handle();
        if (subscriptions.stream().anyMatch(s -> s.shop().equals(shop) && s.topic().equals(topic)
                && s.address().equals(address))) {
            throw ShopifyApiException.invalid("address", "for this topic has already been taken");
        }
        long id;
        synchronized (ids) {
            id = ids.next();
        }
        Instant now = clock.get();
        ObjectNode json = ShopifyJson.object();
        json.put("id", id);
        json.put("address", address);
        json.put("topic", topic);
        json.put("format", "json");
        json.put("api_version", options.apiVersion());
        json.putArray("fields");
        json.put("created_at", request.shop().at(now));
        json.put("updated_at", request.shop().at(now));
        subscriptions.add(new Subscription(id, shop, topic, address, json));
        ObjectNode body = ShopifyJson.object();
        body.set("webhook", json.deepCopy());
        return SandboxResponse.of(201, body);
    }

    SandboxResponse list(SandboxRequest request) {
        ObjectNode body = ShopifyJson.object();
        ArrayNode list = body.putArray("webhooks");
        subscriptions.stream().filter(s -> s.shop().equals(request.shop().profile().handle()))
                .forEach(s -> list.add(s.json().deepCopy()));
        return SandboxResponse.ok(body);
    }

    SandboxResponse delete(SandboxRequest request, long id) {
        boolean removed = subscriptions.removeIf(s -> s.id() == id && s.shop().equals(request.shop().profile()
                .handle()));
        if (!removed) {
            throw ShopifyApiException.notFound();
        }
        return SandboxResponse.ok(ShopifyJson.object());
    }

    @Override
    public void changed(ShopData shop, String topic, ObjectNode payload, Instant at) {
        String eventId = UUID.randomUUID().toString();
        byte[] body = ShopifyJson.bytes(payload);
        for (Subscription subscription : subscriptions) {
            if (subscription.shop().equals(shop.profile().handle()) && subscription.topic().equals(topic)) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("X-Shopify-Topic", topic);
                headers.put("X-Shopify-Hmac-Sha256",
                        Base64.getEncoder().encodeToString(SandboxOAuth.hmac(options.clientSecret(), body)));
                headers.put("X-Shopify-Shop-Domain", shop.domain());
                headers.put("X-Shopify-API-Version", options.apiVersion());
                headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
                headers.put("X-Shopify-Event-Id", eventId);
                headers.put("X-Shopify-Triggered-At", at.toString());
                int copies = options.webhookDuplicates() ? 2 : 1;
                for (int i = 0; i < copies; i++) {
                    post(subscription.address(), headers, body);
                }
            }
        }
    }

    /** One delivery, retried while not answered 2xx, up to the options' number of attempts. */
    private void post(String address, Map<String, String> headers, byte[] body) {
        Map<String, String> sent = Map.copyOf(headers);
        String text = new String(body, StandardCharsets.UTF_8);
        poster.post(address, headers, body, options.webhookAttempts(), options.webhookRetryDelay(),
                (attempt, status) -> deliveries.add(new WebhookDelivery(address, sent, text, attempt, status)));
    }

    /** Waits until every scheduled delivery (and its retries) is done, at most {@code timeout}. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return poster.awaitIdle(timeout);
    }

    List<WebhookDelivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    static boolean loopback(String url) {
        return LoopbackUrls.isLoopback(url);
    }

    @Override
    public void close() {
        poster.close();
    }
}
