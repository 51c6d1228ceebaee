package io.tillbridge.connector.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxOptions;
import io.tillbridge.connector.quickbooks.sandbox.Receiver;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.WriteRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A journal the connector posts is announced by a webhook whose intuit-signature the connector verifies. */
class QuickBooksWebhooksIT {

    @Test
    void the_signature_of_a_sandbox_webhook_verifies_and_a_tampered_body_does_not() throws Exception {
        try (QuickBooksSandbox sandbox = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(0, 0));
             Receiver receiver = Receiver.start()) {
            sandbox.registerWebhook(receiver.url());
            ManualTime time = new ManualTime();
            try (QuickBooksConnector connector = new QuickBooksConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5,
                    TestEgress.LOOPBACK)) {
                QuickBooksConfig config = QuickBooksConfig.of(sandbox.baseUri(), sandbox.realmId(), sandbox.issueToken());
                String id = connector.write(config, "journal_entries", List.of(new WriteRecord("hook-1", "",
                        Journals.journal("2026-03-01", Journals.account(sandbox, "1210"), "10.70",
                                Journals.account(sandbox, "4010"), "10.00", Journals.account(sandbox, "2110"), "0.70"))))
                        .get(0).targetRef();
                assertThat(sandbox.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
                Receiver.Received received = receiver.received().get(0);
                byte[] body = received.body().getBytes(StandardCharsets.UTF_8);
                String verifier = sandbox.options().webhookVerifierToken();
                List<QuickBooksWebhooks.Change> changes = QuickBooksWebhooks.changes(verifier, body,
                        received.signature());
                assertThat(changes).containsExactly(new QuickBooksWebhooks.Change(sandbox.realmId(), "JournalEntry", id,
                        "Create", changes.get(0).lastUpdated()));
                byte[] tampered = received.body().replace(id, id + "9").getBytes(StandardCharsets.UTF_8);
                assertThat(QuickBooksWebhooks.verifies(verifier, tampered, received.signature())).isFalse();
                assertThat(QuickBooksWebhooks.verifies("another-verifier", body, received.signature())).isFalse();
                assertThatThrownBy(() -> QuickBooksWebhooks.changes(verifier, tampered, received.signature()))
                        .isInstanceOf(ConnectorException.class);
            }
        }
    }
}
