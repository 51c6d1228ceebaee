package io.tillbridge.support.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a tenant is suspended; kept on the tenant and in the audit log. */
@Serdeable
@Schema(name = "SuspendTenantRequest")
public record SuspendRequest(
        @NotBlank @Size(min = 3, max = 500) @Schema(example = "Chargeback fraud under review (ticket 4821)") String reason) {
}
