package io.tillbridge.support.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** The tenant's slug, typed by the support user as a deliberate act. */
@Serdeable
@Schema(name = "ConfirmWriteRequest")
public record ConfirmWriteRequest(
        @NotBlank @Schema(description = "The impersonated tenant's slug, exactly", example = "corner-bakery")
        String confirmation) {
}
