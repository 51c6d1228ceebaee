package io.tillbridge.connector.quickbooks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Signed legacy webhooks when documents are created or updated, to a loopback receiver only. */
class QuickBooksSandboxWebhooksIT {

    @Test
    void a_created_journal_is_announced_with_a_signature_of_the_raw_body() throws Exception {
        try (QuickBooksSandbox sandbox = SandboxFixture.start(); Receiver receiver = Receiver.start()) {
            sandbox.registerWebhook(receiver.url());
            SandboxClient client = new SandboxClient(sandbox, sandbox.issueToken());
            String id = client.post("journalentry", SandboxClient.journal("TBW1", SandboxFixture.account(sandbox, "1210"),
                    SandboxFixture.account(sandbox, "4010"), "9.00", "9.00")).body().path("JournalEntry").path("Id")
                    .asText();
            assertThat(sandbox.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
            Receiver.Received received = receiver.received().get(0);
            JsonNode body = QuickBooksJson.MAPPER.readTree(received.body());
            JsonNode entity = body.path("eventNotifications").path(0).path("dataChangeEvent").path("entities").path(0);
            assertThat(body.path("eventNotifications").path(0).path("realmId").asText()).isEqualTo(sandbox.realmId());
            assertThat(entity.path("name").asText()).isEqualTo("JournalEntry");
            assertThat(entity.path("id").asText()).isEqualTo(id);
            assertThat(entity.path("operation").asText()).isEqualTo("Create");
            assertThat(received.signature()).isEqualTo(WebhookSender.sign(sandbox.options().webhookVerifierToken(),
                    received.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(sandbox.webhookDeliveries()).extracting(SentWebhook::status).containsExactly(200);
        }
    }

    @Test
    void a_webhook_url_off_loopback_is_refused() {
        try (QuickBooksSandbox sandbox = SandboxFixture.start()) {
            assertThatThrownBy(() -> sandbox.registerWebhook("http://203.0.113.9/hook"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
