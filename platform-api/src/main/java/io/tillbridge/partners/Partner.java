package io.tillbridge.partners;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A partner account: an integrator or agency that drives tenants through the API with its keys,
 * in the tenants that granted it access. Owned by the user who created it.
 */
@Serdeable
@Schema(name = "Partner", description = "A partner account")
public record Partner(
        @Schema(example = "5b0f7f3e-8a44-4c52-9a0e-3f1f2f0c9d11") UUID id,
        @Schema(example = "Acme Integrations") String name,
        @Schema(example = "dev@acme.example") String contactEmail,
        @Schema(example = "2026-11-26T10:15:30Z") Instant createdAt) {
}
