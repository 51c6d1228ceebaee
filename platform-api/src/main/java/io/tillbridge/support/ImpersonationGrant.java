package io.tillbridge.support;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An access token for working inside a tenant through an impersonation. Send it as a bearer token
 * to the tenant's routes ({@code /api/v1/tenants/{tenantId}/...}); it works for that tenant only,
 * and stops working as soon as the impersonation ends or expires.
 *
 * @param impersonationId the impersonation
 * @param tenantId the one tenant the token reaches
 * @param accessToken the bearer token
 * @param accessTokenExpiresAt when the token expires: at the impersonation's expiry at the latest,
 *     sooner when the platform's token lifetime is shorter (ask for a fresh one with
 *     {@code POST /api/v1/support/impersonations/{id}/tokens})
 * @param expiresAt when the impersonation expires
 * @param writeAccess whether the token may change the tenant (after confirm-write)
 */
@Serdeable
@Schema(name = "ImpersonationGrant")
public record ImpersonationGrant(
        @Schema(example = "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809") UUID impersonationId,
        @Schema(example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b") UUID tenantId,
        @Schema(example = "eyJhbGciOiJIUzI1NiJ9.eyJrbmQiOiJzdXBwb3J0In0.c2lnbmF0dXJl") String accessToken,
        @Schema(example = "2026-11-26T14:15:00Z") Instant accessTokenExpiresAt,
        @Schema(example = "2026-11-26T14:30:00Z") Instant expiresAt,
        @Schema(example = "false") boolean writeAccess) {
}
