package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A change of the signed-in user's profile. */
@Serdeable
@Schema(name = "UpdateMeRequest")
public record UpdateMeRequest(
        @Schema(description = "The new display name", example = "Maria Jensen-Holm") @NotBlank @Size(max = 200) String name) {
}
