package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloverSandboxWebhooksIT {

    private final WebhookReceiver receiver = new WebhookReceiver();
    private CloverSandbox sandbox;

    @AfterEach
    void close() {
        sandbox.close();
        receiver.close();
    }

    @Test
    void registering_a_url_sends_it_a_verification_code_without_the_auth_header() throws Exception {
        start(CloverSandboxOptions.defaults());
        CloverClient.Response registered = register();

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body().path("verified").asBoolean()).isFalse();
        sandbox.awaitWebhooks(Duration.ofSeconds(10));
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).body().path("verificationCode").asText()).hasSize(36);
        assertThat(receiver.received().get(0).cloverAuth()).isNull();
    }

    @Test
    void no_message_is_sent_before_the_code_is_confirmed() throws Exception {
        start(CloverSandboxOptions.defaults());
        register();
        sandbox.advance(Duration.ofHours(3));
        sandbox.awaitWebhooks(Duration.ofSeconds(10));

        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void after_verification_every_message_carries_x_clover_auth_and_the_changes_by_merchant() throws Exception {
        start(CloverSandboxOptions.defaults());
        verify();

        sandbox.advance(Duration.ofHours(4));
        sandbox.awaitWebhooks(Duration.ofSeconds(10));

        List<WebhookReceiver.Received> messages = receiver.received().subList(1, receiver.received().size());
        assertThat(messages).hasSize(1);
        WebhookReceiver.Received message = messages.get(0);
        assertThat(message.cloverAuth()).isEqualTo(sandbox.webhookAuthCode());
        assertThat(message.body().path("appId").asText()).isEqualTo(sandbox.options().clientId());
        String mId = sandbox.merchantIds().get(0);
        JsonNode events = message.body().path("merchants").path(mId);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("objectId").asText()).matches("(O|P|I|C|IC):[0-9A-Z]{13}");
            assertThat(e.path("type").asText()).isIn("CREATE", "UPDATE", "DELETE");
            assertThat(e.path("ts").asLong()).isLessThanOrEqualTo(sandbox.data().now().toEpochMilli());
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("objectId").asText()).startsWith("O:");
            assertThat(sandbox.data().order(mId, e.path("objectId").asText().substring(2))).isPresent();
        });
    }

    @Test
    void an_advance_reports_new_customers_and_changed_items_too() throws Exception {
        start(CloverSandboxOptions.defaults());
        verify();
        String mId = sandbox.merchantIds().get(0);

        sandbox.advance(Duration.ofHours(48));
        sandbox.awaitWebhooks(Duration.ofSeconds(10));

        JsonNode events = receiver.received().get(receiver.received().size() - 1).body().path("merchants").path(mId);
        List<String> ids = events.findValuesAsText("objectId");
        assertThat(ids).anyMatch(id -> id.startsWith("C:")).anyMatch(id -> id.startsWith("I:"))
                .anyMatch(id -> id.startsWith("P:")).anyMatch(id -> id.startsWith("IC:"));
        String customerId = ids.stream().filter(id -> id.startsWith("C:")).findFirst().orElseThrow().substring(2);
        assertThat(new CloverClient(sandbox, sandbox.issueToken(mId)).get(mId, "/customers/" + customerId).status())
                .isEqualTo(200);
    }

    @Test
    void a_stock_write_is_reported_as_an_inventory_change() throws Exception {
        start(CloverSandboxOptions.defaults());
        verify();
        String mId = sandbox.merchantIds().get(0);
        String itemId = sandbox.data().items(mId).get(1).path("id").asText();

        new CloverClient(sandbox, sandbox.issueToken(mId))
                .post("/v3/merchants/" + mId + "/item_stocks/" + itemId, "{\"quantity\": 7}");
        sandbox.awaitWebhooks(Duration.ofSeconds(10));

        JsonNode events = receiver.received().get(receiver.received().size() - 1).body().path("merchants").path(mId);
        assertThat(events).anySatisfy(e -> assertThat(e.path("objectId").asText()).isEqualTo("IC:" + itemId));
    }

    @Test
    void a_wrong_verification_code_answers_400() {
        start(CloverSandboxOptions.defaults());
        register();

        CloverClient.Response response = new CloverClient(sandbox, null).post("/sandbox/webhooks/verify",
                "{\"verificationCode\":\"not-the-code\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(sandbox.confirmWebhook("not-the-code")).isFalse();
    }

    @Test
    void a_url_outside_loopback_is_refused() {
        start(CloverSandboxOptions.defaults());

        CloverClient.Response response = new CloverClient(sandbox, null).post("/sandbox/webhooks",
                "{\"url\":\"http://192.0.2.10/hooks\"}");

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void messages_can_be_dropped_as_clover_guarantees_no_delivery() throws Exception {
        start(CloverSandboxOptions.defaults().withWebhookDropRate(1.0));
        verify();

        sandbox.advance(Duration.ofHours(4));
        sandbox.awaitWebhooks(Duration.ofSeconds(10));

        assertThat(receiver.received()).hasSize(1);
        assertThat(sandbox.webhookDeliveries()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo("event");
            assertThat(d.status()).isEqualTo(-1);
        });
    }

    private void start(CloverSandboxOptions options) {
        sandbox = CloverSandbox.start(options.withClock(SandboxFixture.options().clock()).withOrders(20)
                .withOrdersPerHour(6));
    }

    private CloverClient.Response register() {
        return new CloverClient(sandbox, null).post("/sandbox/webhooks", "{\"url\":\"" + receiver.url() + "\"}");
    }

    private void verify() throws InterruptedException {
        register();
        sandbox.awaitWebhooks(Duration.ofSeconds(10));
        String code = receiver.received().get(0).body().path("verificationCode").asText();
        CloverClient.Response verified = new CloverClient(sandbox, null).post("/sandbox/webhooks/verify",
                "{\"verificationCode\":\"" + code + "\"}");
        assertThat(verified.body().path("verified").asBoolean()).isTrue();
    }
}
