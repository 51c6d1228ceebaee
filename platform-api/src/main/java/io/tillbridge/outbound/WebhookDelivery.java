package io.tillbridge.outbound;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event sent (or being sent) to one subscription, with its attempts.
 *
 * @param eventId the webhook-id header: the same on every attempt and replay
 * @param status pending, delivered, failed or cancelled
 */
@Serdeable
public record WebhookDelivery(UUID id, UUID subscriptionId, UUID eventId, String eventType,
        @Schema(allowableValues = {"pending", "delivered", "failed", "cancelled"}) String status, int attempts,
        Instant nextAttemptAt, String lastError, Instant createdAt, Instant finishedAt, List<Attempt> attemptLog) {

    public WebhookDelivery {
        attemptLog = attemptLog == null ? List.of() : List.copyOf(attemptLog);
    }

    /**
     * One POST of the delivery.
     *
     * @param statusCode the answer's status, or null when none came (timeout, refused, connection error)
     * @param error why it failed without an answer, or null
     * @param responseExcerpt the start of the answer's body (bounded)
     */
    @Serdeable
    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMs,
            String responseExcerpt) {
    }
}
