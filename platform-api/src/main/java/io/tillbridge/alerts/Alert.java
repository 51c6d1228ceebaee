package io.tillbridge.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert: a rule's condition held for a subject (the integration, one of its connections or one
 * vendor location) from {@code openedAt} until {@code resolvedAt}.
 *
 * @param apiPath the API resource concerned (integration, run or connection)
 * @param portalPath the portal page concerned
 */
@Serdeable
@Schema(description = "An alert opened by a rule")
public record Alert(
        UUID id,
        UUID ruleId,
        UUID integrationId,
        String kind,
        String subject,
        @Schema(allowableValues = {"open", "resolved"}) String status,
        String title,
        String message,
        String apiPath,
        String portalPath,
        Instant openedAt,
        Instant lastNotifiedAt,
        int notifications,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable Instant snoozedUntil,
        @Nullable Instant resolvedAt) {
}
