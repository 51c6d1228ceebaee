package io.tillbridge.audit.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A note to add to a tenant's audit log. */
@Serdeable
@Schema(name = "AddNoteRequest")
public record AddNoteRequest(
        @NotBlank @Size(max = 2000)
        @Schema(example = "Switched the Square connection to the new location after the store move.") String text) {
}
