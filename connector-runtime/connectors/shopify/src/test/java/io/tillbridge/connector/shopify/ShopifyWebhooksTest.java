package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopifyWebhooksTest {

    private static final String SECRET = "app-secret-for-tests";
    private static final Instant NOW = Instant.parse("2026-12-01T10:16:00Z");
    private static final ShopifyConfig CONFIG = ShopifyConfig.of(null, "tillbridge-london", "shpat_x")
            .withApp("key", SECRET);

    private final ManualTime time = new ManualTime(NOW);
    private final ShopifyConnector connector = new ShopifyConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5);

    private static Map<String, List<String>> headers(String topic, byte[] body, String secret) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Shopify-Topic", List.of(topic));
        headers.put("X-Shopify-Hmac-Sha256", List.of(Base64.getEncoder().encodeToString(
                ShopifyWebhooks.sign(secret, body))));
        headers.put("X-Shopify-Shop-Domain", List.of("tillbridge-london.myshopify.com"));
        headers.put("X-Shopify-API-Version", List.of("2025-07"));
        headers.put("X-Shopify-Webhook-Id", List.of("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));
        headers.put("X-Shopify-Triggered-At", List.of("2026-12-01T10:15:00.123Z"));
        return headers;
    }

    private static WebhookRequest request(String topic, byte[] body) {
        return new WebhookRequest("https://platform.example/hooks/1", headers(topic, body, SECRET), body);
    }

    private static byte[] bytes(ObjectNode json) {
        // Shopify's own spacing, so that re-serialising it with Jackson's gives other bytes.
        return json.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void an_order_webhook_carries_the_order_and_names_its_canonical_order_to_fetch_at_its_updated_at() {
        byte[] body = bytes(ShopifyOrders.london());
        WebhookDelivery delivery = connector.receive(CONFIG, SECRET, request("orders/updated", body));

        WebhookEvent event = delivery.events().get(0);
        assertThat(event.eventId()).isEqualTo("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        assertThat(event.type()).isEqualTo("orders/updated");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-01T10:15:00.123Z"));
        assertThat(event.changes()).extracting(ChangedObject::stream)
                .containsExactly(ShopifyStreams.ORDERS, PosStreams.ORDERS);
        assertThat(event.changes()).allSatisfy(c -> {
            assertThat(c.key()).isEqualTo("5001");
            assertThat(c.version()).isEqualTo("2026-12-01T10:15:00Z");
        });
        // The canonical order needs its products' types and the shop's time zone: only a fetch has them.
        assertThat(event.changes().get(0).record()).isNotNull();
        assertThat(event.changes().get(1).record()).isNull();
    }

    @Test
    void decimals_in_a_payload_keep_their_scale_as_in_a_read() {
        ObjectNode order = ShopifyOrders.parse(new String(bytes(ShopifyOrders.london()), StandardCharsets.UTF_8)
                .replace("\"rate\" : 0.2", "\"rate\" : 0.20"));
        WebhookDelivery delivery = connector.receive(CONFIG, SECRET, request("orders/updated", bytes(order)));
        Map<?, ?> data = delivery.events().get(0).changes().get(0).record().data();
        Object rate = ((Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) data.get("line_items")).get(0))
                .get("tax_lines")).get(0)).get("rate");
        assertThat(rate).isEqualTo(new java.math.BigDecimal("0.20"));
    }

    @Test
    void an_order_whose_tenders_need_its_transactions_is_fetched_for_pos_orders() {
        ShopifyConfig us = ShopifyConfig.of(null, "tillbridge-london", "shpat_x").withApp("key", SECRET);
        WebhookDelivery delivery = connector.receive(us, SECRET, request("orders/create", bytes(ShopifyOrders.split())));
        ChangedObject canonical = delivery.events().get(0).changes().get(1);
        assertThat(canonical.stream()).isEqualTo(PosStreams.ORDERS);
        assertThat(canonical.record()).isNull();
        assertThat(canonical.key()).isEqualTo("5002");
        assertThat(canonical.version()).isEqualTo("2026-12-01T19:00:00Z");
    }

    @Test
    void a_refund_webhook_names_its_order_to_fetch() {
        byte[] body = "{\"id\": 801, \"order_id\": 5001, \"refund_line_items\": []}".getBytes(StandardCharsets.UTF_8);
        List<ChangedObject> changes = connector.receive(CONFIG, SECRET, request("refunds/create", body)).events().get(0)
                .changes();
        assertThat(changes).extracting(ChangedObject::stream).containsExactly(ShopifyStreams.ORDERS, PosStreams.ORDERS);
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.key()).isEqualTo("5001");
            assertThat(c.record()).isNull();
        });
    }

    @Test
    void a_signature_made_with_another_secret_is_refused() {
        byte[] body = bytes(ShopifyOrders.london());
        WebhookRequest forged = new WebhookRequest("https://platform.example/hooks/1",
                headers("orders/updated", body, "someone-elses-secret"), body);
        assertAuth(forged, "signature");
    }

    @Test
    void a_re_serialised_body_no_longer_matches_its_signature() {
        byte[] original = bytes(ShopifyOrders.london());
        byte[] reserialised = ShopifyOrders.london().toString().getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = new WebhookRequest("https://platform.example/hooks/1",
                headers("orders/updated", original, SECRET), reserialised);
        assertAuth(request, "signature");
    }

    @Test
    void each_header_shopifys_validator_requires_is_required() {
        byte[] body = bytes(ShopifyOrders.london());
        for (String header : List.of("X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Shop-Domain",
                "X-Shopify-API-Version", "X-Shopify-Webhook-Id")) {
            Map<String, List<String>> headers = headers("orders/updated", body, SECRET);
            headers.remove(header);
            assertAuth(new WebhookRequest("https://platform.example/hooks/1", headers, body), header);
        }
    }

    @Test
    void a_delivery_triggered_more_than_five_minutes_ago_is_refused_and_one_without_the_header_is_not() {
        byte[] body = bytes(ShopifyOrders.london());
        time.set(Instant.parse("2026-12-01T10:20:01Z"));
        assertAuth(request("orders/updated", body), "five minutes");
        Map<String, List<String>> headers = headers("orders/updated", body, SECRET);
        headers.remove("X-Shopify-Triggered-At");
        assertThat(connector.receive(CONFIG, SECRET, new WebhookRequest("https://platform.example/hooks/1", headers,
                body)).events()).hasSize(1);
    }

    @Test
    void a_delivery_for_another_shop_or_with_an_empty_body_is_refused() {
        byte[] body = bytes(ShopifyOrders.london());
        Map<String, List<String>> headers = headers("orders/updated", body, SECRET);
        headers.put("X-Shopify-Shop-Domain", List.of("someone-else.myshopify.com"));
        assertAuth(new WebhookRequest("https://platform.example/hooks/1", headers, body), "another shop");
        assertAuth(new WebhookRequest("https://platform.example/hooks/1", headers("orders/updated", new byte[0],
                SECRET), new byte[0]), "body");
    }

    @Test
    void a_signed_body_that_is_not_json_fails_config() {
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> connector.receive(CONFIG, SECRET, request("orders/updated", body)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG));
    }

    @Test
    void the_authorization_url_is_the_shops_own_page_with_comma_separated_scopes() {
        URI url = connector.authorizationUrl(CONFIG, "key", URI.create("https://platform.example/oauth/callback"),
                "st4te");
        assertThat(url.toString()).startsWith("https://tillbridge-london.myshopify.com/admin/oauth/authorize?")
                .contains("client_id=key", "state=st4te", "scope=read_orders%2Cread_products",
                        "redirect_uri=https%3A%2F%2Fplatform.example%2Foauth%2Fcallback");
    }

    private void assertAuth(WebhookRequest request, String message) {
        assertThatThrownBy(() -> connector.receive(CONFIG, SECRET, request))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH))
                .hasMessageContaining(message);
    }
}
