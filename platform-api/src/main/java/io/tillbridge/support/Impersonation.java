package io.tillbridge.support;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A support user's time-limited access to one tenant, read-only until write access is confirmed.
 *
 * @param id the impersonation's id
 * @param tenantId the tenant
 * @param tenantSlug the tenant's slug (what confirming write access asks for)
 * @param tenantName the tenant's name
 * @param supportUserId the support user who started it, the only one who may confirm or end it
 * @param reason why it was started
 * @param startedAt when it started
 * @param expiresAt when it stops working by itself
 * @param writeConfirmedAt when write access was confirmed; absent while read-only
 * @param endedAt when it was ended; absent until then
 * @param active neither ended nor expired
 * @param writeAccess write access was confirmed
 */
@Serdeable
@Schema(name = "Impersonation")
public record Impersonation(
        @Schema(example = "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809") UUID id,
        @Schema(example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b") UUID tenantId,
        @Schema(example = "corner-bakery") String tenantSlug,
        @Schema(example = "Corner Bakery") String tenantName,
        @Schema(example = "9d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a") UUID supportUserId,
        @Schema(example = "Ticket 4821: orders missing from the daily journal") String reason,
        @Schema(example = "2026-11-26T14:00:00Z") Instant startedAt,
        @Schema(example = "2026-11-26T14:30:00Z") Instant expiresAt,
        @Schema(nullable = true) Instant writeConfirmedAt,
        @Schema(nullable = true) Instant endedAt,
        @Schema(example = "true") boolean active,
        @Schema(example = "false") boolean writeAccess) {
}
