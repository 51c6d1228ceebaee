package io.tillbridge.webhooks;

import io.micronaut.serde.annotation.Serdeable;

/** What the receiving route answers a sender: the event it stored, or recognised as a redelivery. */
@Serdeable
public record WebhookReceipt(String eventId, boolean duplicate) {
}
