package io.tillbridge.webhooks;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** An integration's inbound webhook endpoint, as the API shows it: never with its secret. */
@Serdeable
@Schema(description = "Where a system sends events that start a run of the integration")
public record WebhookEndpoint(
        UUID id,
        UUID integrationId,
        @Schema(description = "Where to send events (POST, signed in the Standard Webhooks style)",
                example = "https://tillbridge.example/api/v1/hooks/6f1c8c1e-7d0b-4f5e-9f57-3c2b8f0e1a2b") String url,
        Instant createdAt) {
}
