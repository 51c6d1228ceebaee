package io.tillbridge.partners.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new partner account, owned by the user who creates it. */
@Serdeable
@Schema(name = "CreatePartnerRequest")
public record CreatePartnerRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Acme Integrations") String name,
        @NotBlank @Email @Size(max = 320) @Schema(example = "dev@acme.example") String contactEmail) {
}
