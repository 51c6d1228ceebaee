package io.tillbridge.support;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A tenant as the support console's search lists it. */
@Serdeable
@Schema(name = "SupportTenantSummary")
public record TenantSummary(
        @Schema(example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b") UUID id,
        @Schema(example = "corner-bakery") String slug,
        @Schema(example = "Corner Bakery") String name,
        @Schema(example = "free") String plan,
        @Schema(example = "active", allowableValues = {"active", "suspended"}) String status,
        @Schema(nullable = true, example = "2026-11-26T14:03:12Z") Instant suspendedAt,
        @Schema(example = "3") long members,
        @Schema(example = "2026-10-01T08:00:00Z") Instant createdAt) {
}
