package io.tillbridge.outbound;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's outbound webhook: the URL that receives the events of {@code eventTypes}. Its signing
 * secret is never part of it (shown once, on create and rotate).
 *
 * @param disabledReason why the platform disabled it (a long failure streak), or null
 */
@Serdeable
public record WebhookSubscription(UUID id, String url, List<String> eventTypes, String description, boolean enabled,
        @Schema(description = "Why the platform disabled it, e.g. after a long failure streak; absent when enabled")
        String disabledReason,
        @Schema(description = "Failed attempts in a row since the last delivered one") int consecutiveFailures,
        int version, Instant createdAt, Instant updatedAt) {

    public WebhookSubscription {
        eventTypes = List.copyOf(eventTypes);
    }

    /** What the audit log keeps of it (no secret). */
    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("url", url);
        state.put("eventTypes", eventTypes);
        state.put("description", description);
        state.put("enabled", enabled);
        return state;
    }
}
