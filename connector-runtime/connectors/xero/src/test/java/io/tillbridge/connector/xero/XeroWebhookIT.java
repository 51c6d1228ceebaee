package io.tillbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.sandbox.LoopbackServer;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.xero.sandbox.XeroApiSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's signed deliveries against a loopback receiver that checks them with the connector. */
class XeroWebhookIT {

    private static final String KEY = "Xg7bQ2mN5pR8sT1vW4yZ6aC9dF3hJ0kL+webhook/key==";

    private final XeroFixture fixture = new XeroFixture();
    private final List<WebhookDelivery> received = new CopyOnWriteArrayList<>();
    private final LoopbackServer receiver;

    XeroWebhookIT() throws IOException {
        receiver = LoopbackServer.start("xero-webhook-receiver", 0, 2, exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status;
                try (XeroConnector connector = fixture.connector()) {
                    received.add(connector.receive(fixture.config(), KEY, new WebhookRequest(
                            exchange.getRequestURI().toString(), exchange.getRequestHeaders(), body)));
                    status = 200;
                } catch (ConnectorException e) {
                    status = e.category() == ConnectorException.Category.AUTH ? 401 : 400;
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
    }

    @AfterEach
    void close() {
        receiver.close();
        fixture.close();
    }

    @Test
    void the_intent_to_receive_check_passes_because_a_bad_signature_answers_401_and_a_good_one_200() {
        boolean subscribed = fixture.xero.subscribeWebhooks(receiver.baseUri() + "/hooks/xero", KEY);

        assertThat(subscribed).isTrue();
        assertThat(fixture.xero.webhookAttempts()).extracting(a -> a.status()).containsExactly(401, 200);
        assertThat(received).singleElement().satisfies(d -> assertThat(d.events()).isEmpty());
    }

    @Test
    void a_receiver_with_another_key_fails_the_intent_to_receive_check() {
        boolean subscribed = fixture.xero.subscribeWebhooks(receiver.baseUri() + "/hooks/xero", "another key");

        assertThat(subscribed).isFalse();
        assertThat(fixture.xero.webhookAttempts()).extracting(a -> a.status()).containsExactly(401, 401);
    }

    @Test
    void a_signed_contact_event_is_verified_and_names_the_contact_to_read_again() {
        fixture.xero.subscribeWebhooks(receiver.baseUri() + "/hooks/xero", KEY);
        String contactId = "4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d";

        int status = fixture.xero.emitWebhook("CONTACT", "UPDATE", contactId);

        assertThat(status).isEqualTo(200);
        WebhookDelivery delivery = received.get(received.size() - 1);
        assertThat(delivery.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("CONTACT.UPDATE");
            assertThat(e.changes()).singleElement().satisfies(c -> {
                assertThat(c.stream()).isEqualTo(XeroStreams.CONTACTS);
                assertThat(c.key()).isEqualTo(contactId);
            });
        });
        JsonNode body = XeroApi.JSON.valueToTree(Map.of());
        try {
            body = XeroApi.JSON.readTree(fixture.xero.webhookAttempts().get(2).body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        XeroApiSpec.get().assertWebhookConforms("WebhookEvent", body);
    }

    @Test
    void a_body_changed_after_signing_is_refused() {
        fixture.xero.subscribeWebhooks(receiver.baseUri() + "/hooks/xero", KEY);
        var attempt = fixture.xero.webhookAttempts().get(1);
        byte[] altered = attempt.body().replace("\"events\":[]", "\"events\":[ ]").getBytes();

        try (XeroConnector connector = fixture.connector()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.receive(fixture.config(), KEY,
                    new WebhookRequest("/hooks/xero", Map.of("x-xero-signature", List.of(attempt.signature())), altered)))
                    .isInstanceOf(ConnectorException.class).hasMessageContaining("x-xero-signature");
        }
    }
}
