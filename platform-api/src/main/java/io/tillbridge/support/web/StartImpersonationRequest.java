package io.tillbridge.support.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why and for how long a support user wants into a tenant. */
@Serdeable
@Schema(name = "StartImpersonationRequest")
public record StartImpersonationRequest(
        @NotBlank @Size(min = 3, max = 500)
        @Schema(example = "Ticket 4821: orders missing from the daily journal") String reason,
        @Nullable @Min(1) @Max(120)
        @Schema(description = "How long the session lasts, 1 to 120 minutes", defaultValue = "30", example = "30")
        Integer minutes) {
}
