package io.tillbridge.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One notification on a channel: pending, sent, or failed after its attempts. */
@Serdeable
@Schema(description = "A notification sent (or to be sent) on a channel")
public record Delivery(
        UUID id,
        UUID channelId,
        @Nullable UUID alertId,
        @Schema(allowableValues = {"opened", "renotified", "resolved", "test"}) String kind,
        @Schema(allowableValues = {"pending", "sent", "failed"}) String status,
        int attempts,
        Instant createdAt,
        @Nullable Instant doneAt,
        @Nullable Integer statusCode,
        @Nullable String error) {
}
