package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ShopifySandboxWebhooksIT {

    private static void subscribe(ShopifyClient client, String topic, String address) {
        ShopifyClient.Answer answer = client.post("webhooks.json",
                Map.of("webhook", Map.of("topic", topic, "address", address, "format", "json")));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().path("webhook").path("topic").asText()).isEqualTo(topic);
    }

    private static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Test
    void advancing_the_clock_delivers_signed_webhooks_with_every_shopify_header() throws Exception {
        try (ShopifySandbox shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(30));
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            ShopifyClient client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
            for (String topic : List.of("orders/create", "orders/updated", "refunds/create",
                    "inventory_levels/update", "products/update")) {
                subscribe(client, topic, receiver.url());
            }

            shopify.advance(Duration.ofHours(24));
            assertThat(shopify.awaitWebhooks(Duration.ofSeconds(20))).isTrue();

            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received.stream().map(r -> r.headers().get("X-Shopify-Topic")).collect(Collectors.toSet()))
                    .contains("orders/create", "orders/updated", "inventory_levels/update");
            for (WebhookReceiver.Received webhook : received) {
                assertThat(webhook.headers().get("X-Shopify-Hmac-Sha256"))
                        .isEqualTo(sign(shopify.options().clientSecret(), webhook.body()));
                assertThat(webhook.headers().get("X-Shopify-Shop-Domain")).isEqualTo("tillbridge-demo.myshopify.com");
                assertThat(webhook.headers().get("X-Shopify-API-Version")).isEqualTo("2025-07");
                assertThat(webhook.headers()).containsKeys("X-Shopify-Webhook-Id", "X-Shopify-Event-Id",
                        "X-Shopify-Triggered-At");
            }
            WebhookReceiver.Received created = received.stream()
                    .filter(r -> r.headers().get("X-Shopify-Topic").equals("orders/create")).findFirst().orElseThrow();
            JsonNode order = ShopifyClient.JSON.readTree(created.body());
            assertThat(shopify.shop().order(order.path("id").asLong())).isPresent();
        }
    }

    @Test
    void a_refused_delivery_is_retried_with_the_same_webhook_id() throws Exception {
        try (ShopifySandbox shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(10)
                .withWebhooks(3, Duration.ofMillis(50), false));
                WebhookReceiver receiver = new WebhookReceiver(1)) {
            ShopifyClient client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
            subscribe(client, "inventory_levels/update", receiver.url());
            JsonNode level = shopify.shop().inventoryLevels().get(0);

            client.post("inventory_levels/set.json", Map.of("location_id", level.path("location_id").asLong(),
                    "inventory_item_id", level.path("inventory_item_id").asLong(), "available", 5));
            assertThat(shopify.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(2);
            assertThat(received.get(1).headers().get("X-Shopify-Webhook-Id"))
                    .isEqualTo(received.get(0).headers().get("X-Shopify-Webhook-Id"));
            assertThat(shopify.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(500, 200);
            assertThat(ShopifyClient.JSON.readTree(received.get(1).body()).path("available").asInt()).isEqualTo(5);
        }
    }

    @Test
    void the_duplicates_option_delivers_every_webhook_twice_with_one_webhook_id() throws Exception {
        try (ShopifySandbox shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(10)
                .withWebhooks(1, Duration.ofMillis(50), true));
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            ShopifyClient client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
            subscribe(client, "inventory_levels/update", receiver.url());
            JsonNode level = shopify.shop().inventoryLevels().get(0);

            client.post("inventory_levels/adjust.json", Map.of("location_id", level.path("location_id").asLong(),
                    "inventory_item_id", level.path("inventory_item_id").asLong(), "available_adjustment", -1));
            assertThat(shopify.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

            Set<String> ids = receiver.received().stream().map(r -> r.headers().get("X-Shopify-Webhook-Id"))
                    .collect(Collectors.toSet());
            assertThat(receiver.received()).hasSize(2);
            assertThat(ids).hasSize(1);
        }
    }

    @Test
    void a_subscription_to_another_host_or_an_unknown_topic_answers_422() {
        try (ShopifySandbox shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(5))) {
            ShopifyClient client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());

            ShopifyClient.Answer remote = client.post("webhooks.json", Map.of("webhook",
                    Map.of("topic", "orders/create", "address", "https://example.com/hook", "format", "json")));
            ShopifyClient.Answer topic = client.post("webhooks.json", Map.of("webhook",
                    Map.of("topic", "orders/exploded", "address", "http://127.0.0.1:9/hook", "format", "json")));

            assertThat(remote.status()).isEqualTo(422);
            assertThat(remote.body().path("errors").has("address")).isTrue();
            assertThat(topic.status()).isEqualTo(422);
            assertThat(topic.body().path("errors").has("topic")).isTrue();
        }
    }
}
