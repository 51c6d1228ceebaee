package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SquareSandboxWebhooksIT {

    @Test
    void a_subscription_to_a_host_that_is_not_loopback_is_refused() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5))) {
            SquareClient.Reply reply = new SquareClient(square, square.issueToken())
                    .post("/v2/webhooks/subscriptions", subscription("http://10.20.30.40/hooks", "order.created"));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body().path("errors").path(0).path("field").asText())
                    .isEqualTo("subscription.notification_url");
            // Refused from the URL's text: nothing was ever sent towards that address.
            assertThat(square.webhookDeliveries()).isEmpty();
        }
    }

    @Test
    void changes_are_delivered_signed_with_the_subscriptions_key_over_url_and_body() throws Exception {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5).withOrdersPerHour(6));
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            String key = subscribe(square, receiver.url(), "order.created", "payment.created");

            square.advance(Duration.ofHours(2));
            assertThat(square.awaitWebhooks(Duration.ofSeconds(20))).isTrue();

            assertThat(receiver.received()).isNotEmpty();
            for (WebhookReceiver.Received r : receiver.received()) {
                assertThat(r.signature()).isEqualTo(hmac(key, receiver.url() + r.body()));
            }
        }
    }

    @Test
    void an_event_carries_its_id_merchant_type_time_and_the_changed_object() throws Exception {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5).withOrdersPerHour(6));
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            subscribe(square, receiver.url(), "order.created", "payment.created");

            square.advance(Duration.ofHours(2));
            square.awaitWebhooks(Duration.ofSeconds(20));

            List<JsonNode> events = events(receiver);
            assertThat(events).extracting(e -> e.path("type").asText()).contains("order.created", "payment.created");
            for (JsonNode e : events) {
                assertThat(UUID.fromString(e.path("event_id").asText())).isNotNull();
                assertThat(e.path("merchant_id").asText()).isEqualTo(square.data().merchantId());
                assertThat(e.path("created_at").asText()).isNotEmpty();
                assertThat(e.path("data").path("id").asText()).isNotEmpty();
                if ("payment.created".equals(e.path("type").asText())) {
                    assertThat(e.path("data").path("type").asText()).isEqualTo("payment");
                    SquareApiSpec.get().assertConforms("Payment", e.path("data").path("object").path("payment"));
                } else {
                    assertThat(e.path("data").path("type").asText()).isEqualTo("order_created");
                    assertThat(e.path("data").path("object").path("order_created").path("order_id").asText())
                            .isEqualTo(e.path("data").path("id").asText());
                }
            }
        }
    }

    @Test
    void refunds_and_order_updates_are_delivered_as_they_happen_in_time_order() throws Exception {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(100).withOrdersPerHour(4));
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            subscribe(square, receiver.url(), "order.updated", "payment.updated", "refund.created", "refund.updated");

            square.advance(Duration.ofDays(3));
            square.awaitWebhooks(Duration.ofSeconds(30));

            List<JsonNode> events = events(receiver);
            assertThat(events).extracting(e -> e.path("type").asText())
                    .contains("order.updated", "payment.updated", "refund.created", "refund.updated");
            assertThat(events).extracting(e -> e.path("created_at").asText()).isSorted();
            for (JsonNode e : events) {
                if (e.path("type").asText().startsWith("refund.")) {
                    SquareApiSpec.get().assertConforms("PaymentRefund", e.path("data").path("object").path("refund"));
                }
            }
        }
    }

    @Test
    void a_delivery_answered_500_is_retried_with_the_same_event() throws Exception {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5)
                .withWebhookDelivery(3, Duration.ofMillis(50), false));
                WebhookReceiver receiver = new WebhookReceiver(2)) {
            subscribe(square, receiver.url(), "inventory.count.updated");

            adjustInventory(square);
            assertThat(square.awaitWebhooks(Duration.ofSeconds(20))).isTrue();

            assertThat(receiver.received()).hasSize(3);
            assertThat(receiver.received().stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
            assertThat(square.webhookDeliveries()).extracting(WebhookDelivery::attempt, WebhookDelivery::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500),
                            org.assertj.core.groups.Tuple.tuple(2, 500), org.assertj.core.groups.Tuple.tuple(3, 200));
        }
    }

    @Test
    void the_duplicates_option_delivers_every_event_twice() throws Exception {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5)
                .withWebhookDelivery(1, Duration.ofMillis(50), true));
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            subscribe(square, receiver.url(), "inventory.count.updated");

            adjustInventory(square);
            square.awaitWebhooks(Duration.ofSeconds(20));

            Map<String, Long> byId = events(receiver).stream()
                    .collect(Collectors.groupingBy(e -> e.path("event_id").asText(), Collectors.counting()));
            assertThat(byId).isNotEmpty().allSatisfy((id, count) -> assertThat(count).isEqualTo(2));
        }
    }

    @Test
    void an_inventory_change_delivers_inventory_count_updated_with_the_new_count() throws Exception {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5));
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            subscribe(square, receiver.url(), "inventory.count.updated");

            String variation = adjustInventory(square);
            square.awaitWebhooks(Duration.ofSeconds(20));

            JsonNode event = events(receiver).get(0);
            assertThat(event.path("type").asText()).isEqualTo("inventory.count.updated");
            JsonNode count = event.path("data").path("object").path("inventory_counts").get(0);
            assertThat(count.path("catalog_object_id").asText()).isEqualTo(variation);
            SquareApiSpec.get().assertConforms("InventoryCount", count);
        }
    }

    private static String subscribe(SquareSandbox square, String url, String... types) {
        SquareClient.Reply reply = new SquareClient(square, square.issueToken())
                .post("/v2/webhooks/subscriptions", subscription(url, types));
        assertThat(reply.status()).isEqualTo(200);
        return reply.body().path("subscription").path("signature_key").asText();
    }

    private static ObjectNode subscription(String url, String... types) {
        ObjectNode body = SquareClient.json("{\"idempotency_key\":\"" + UUID.randomUUID() + "\"}");
        ObjectNode subscription = body.putObject("subscription").put("name", "test").put("notification_url", url);
        for (String type : types) {
            subscription.withArray("event_types").add(type);
        }
        return body;
    }

    private static String adjustInventory(SquareSandbox square) {
        ObjectNode count = square.data().inventoryCounts().get(0);
        ObjectNode body = SquareClient.json("{\"idempotency_key\":\"" + UUID.randomUUID() + "\"}");
        body.putArray("changes").addObject().put("type", "ADJUSTMENT").putObject("adjustment")
                .put("from_state", "NONE").put("to_state", "IN_STOCK")
                .put("catalog_object_id", count.path("catalog_object_id").asText())
                .put("location_id", count.path("location_id").asText()).put("quantity", "5")
                .put("occurred_at", square.data().now().toString());
        assertThat(new SquareClient(square, square.issueToken()).post("/v2/inventory/changes/batch-create", body)
                .status()).isEqualTo(200);
        return count.path("catalog_object_id").asText();
    }

    private static List<JsonNode> events(WebhookReceiver receiver) {
        return receiver.received().stream().map(WebhookReceiver.Received::body)
                .map((Function<String, JsonNode>) SquareClient::json).toList();
    }

    /** Square's documented check: base64(HMAC-SHA256(signature key, notification URL + raw body)). */
    private static String hmac(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
