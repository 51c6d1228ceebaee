package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clover's webhook deliveries as the connector reads them: the auth code, the handshake, the messages. */
class CloverWebhooksTest {

    private static final String AUTH = "a1b2c3-clover-auth-code";
    private static final CloverConfig CONFIG = CloverConfig.of(URI.create("https://api.clover.com"), "MERCHANT1",
            "token");
    private static final String MESSAGE = """
            {"appId":"APP1","merchants":{"MERCHANT1":[
              {"objectId":"O:ORDER1","type":"UPDATE","ts":1781546400123},
              {"objectId":"P:PAY1","type":"CREATE","ts":1781546400456},
              {"objectId":"I:ITEM1","type":"DELETE","ts":1781546400789},
              {"objectId":"C:CUSTOMER1","type":"CREATE","ts":1781546400999}],
             "OTHERMERCHANT":[{"objectId":"O:ORDER9","type":"CREATE","ts":1781546400000}]}}""";

    private final CloverConnector connector = new CloverConnector();

    @Test
    void a_verification_post_without_auth_is_a_handshake_that_hands_back_the_code() {
        WebhookDelivery delivery = connector.receive(CONFIG, AUTH, request(Map.of(),
                "{\"verificationCode\":\"0f7e4c1a-9d1b-4c7e-8a2f-5b6c7d8e9f00\"}"));
        assertThat(delivery.handshake()).isEqualTo("0f7e4c1a-9d1b-4c7e-8a2f-5b6c7d8e9f00");
        assertThat(delivery.events()).isEmpty();
    }

    @Test
    void a_message_without_the_auth_header_is_refused() {
        assertRefused(request(Map.of(), MESSAGE), Category.AUTH);
    }

    @Test
    void a_message_with_a_wrong_auth_code_is_refused() {
        assertRefused(request(Map.of("X-Clover-Auth", "a1b2c3-clover-auth-codf"), MESSAGE), Category.AUTH);
        assertRefused(request(Map.of("X-Clover-Auth", AUTH + "x"), MESSAGE), Category.AUTH);
        assertRefused(request(Map.of("X-Clover-Auth", ""), MESSAGE), Category.AUTH);
    }

    @Test
    void a_connection_without_an_auth_code_refuses_every_message() {
        assertThatThrownBy(() -> connector.receive(CONFIG, "", request(Map.of("X-Clover-Auth", ""), MESSAGE)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.category()).isEqualTo(Category.AUTH));
    }

    @Test
    void an_authenticated_body_that_is_not_a_clover_message_is_a_config_failure() {
        assertRefused(request(Map.of("x-clover-auth", AUTH), "{\"merchants\": 3"), Category.CONFIG);
        assertRefused(request(Map.of("x-clover-auth", AUTH), "{\"merchants\": {\"MERCHANT1\": [{\"type\":\"CREATE\"}]}}"),
                Category.CONFIG);
    }

    @Test
    void messages_name_the_streams_to_fetch_with_the_version_from_ts() {
        WebhookDelivery delivery = connector.receive(CONFIG, AUTH, request(Map.of("x-clover-auth", AUTH), MESSAGE));
        assertThat(delivery.handshake()).isNull();
        assertThat(delivery.events()).hasSize(3).extracting(WebhookEvent::type)
                .containsExactly("UPDATE", "CREATE", "DELETE");
        WebhookEvent order = delivery.events().get(0);
        assertThat(order.occurredAt()).isEqualTo(Instant.ofEpochMilli(1781546400123L));
        assertThat(order.changes()).containsExactly(
                ChangedObject.toFetch(CloverStreams.ORDERS, "ORDER1", "1781546400123"),
                ChangedObject.toFetch(PosStreams.ORDERS, "ORDER1", "1781546400123"));
        assertThat(delivery.events().get(1).changes()).extracting(ChangedObject::stream, ChangedObject::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CloverStreams.PAYMENTS, "PAY1"),
                        org.assertj.core.groups.Tuple.tuple(PosStreams.PAYMENTS, "PAY1"));
        assertThat(delivery.events().get(2).changes()).allMatch(ChangedObject::deleted)
                .extracting(ChangedObject::stream).containsExactly(CloverStreams.ITEMS, PosStreams.ITEMS);
    }

    @Test
    void the_event_id_is_the_same_for_a_repeat_and_differs_for_another_change() {
        WebhookDelivery first = connector.receive(CONFIG, AUTH, request(Map.of("X-Clover-Auth", AUTH), MESSAGE));
        WebhookDelivery again = connector.receive(CONFIG, AUTH, request(Map.of("X-Clover-Auth", AUTH), MESSAGE));
        WebhookDelivery later = connector.receive(CONFIG, AUTH, request(Map.of("X-Clover-Auth", AUTH),
                MESSAGE.replace("1781546400123", "1781546400124")));
        assertThat(again.events()).extracting(WebhookEvent::eventId)
                .containsExactlyElementsOf(first.events().stream().map(WebhookEvent::eventId).toList());
        assertThat(first.events()).extracting(WebhookEvent::eventId).doesNotHaveDuplicates();
        assertThat(later.events().get(0).eventId()).isNotEqualTo(first.events().get(0).eventId());
        assertThat(later.events().get(1).eventId()).isEqualTo(first.events().get(1).eventId());
    }

    private void assertRefused(WebhookRequest request, Category category) {
        assertThatThrownBy(() -> connector.receive(CONFIG, AUTH, request)).isInstanceOfSatisfying(
                ConnectorException.class, e -> assertThat(e.category()).isEqualTo(category));
    }

    private static WebhookRequest request(Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new WebhookRequest("https://hooks.tillbridge.example/webhooks/clover/c-1", multi,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
