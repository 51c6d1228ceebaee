package io.tillbridge.members;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The tenant a user joined by accepting an invitation, and the user's membership there. */
@Serdeable
@Schema(description = "The tenant joined and the new membership")
public record Membership(
        @Schema(example = "0b6f7f0e-4f7e-4f43-9f5c-2d1f0a4f9d1e") UUID tenantId,
        @Schema(example = "Harbour Coffee Ltd") String tenantName,
        Member member) {
}
