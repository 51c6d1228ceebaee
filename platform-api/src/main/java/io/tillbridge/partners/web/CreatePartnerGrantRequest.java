package io.tillbridge.partners.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Lets a partner's keys into this tenant. */
@Serdeable
@Schema(name = "CreatePartnerGrantRequest")
public record CreatePartnerGrantRequest(
        @NotNull @Schema(example = "5b0f7f3e-8a44-4c52-9a0e-3f1f2f0c9d11") UUID partnerId) {
}
