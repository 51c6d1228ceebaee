package io.tillbridge.partners;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A tenant that granted the calling partner access, as the partner sees it. */
@Serdeable
@Schema(name = "GrantedTenant", description = "A tenant that granted this partner access")
public record GrantedTenant(
        @Schema(example = "1f9e4a2b-6c7d-4e8f-9a0b-1c2d3e4f5a6b") UUID id,
        @Schema(example = "corner-bakery") String slug,
        @Schema(example = "Corner Bakery") String name,
        @Schema(example = "active", allowableValues = {"active", "suspended"}) String status,
        @Schema(example = "2026-11-26T10:15:30Z") Instant grantedAt) {
}
