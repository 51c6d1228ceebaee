package io.tillbridge.members.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.TenantRole;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A member's new role. */
@Serdeable
@Schema(description = "The member's new role")
public record ChangeRoleRequest(
        @Schema(example = "admin", allowableValues = {"owner", "admin", "operator", "viewer"})
        @NotBlank @Pattern(regexp = Roles.PATTERN, message = Roles.MESSAGE) String role) {

    TenantRole tenantRole() {
        return TenantRole.fromWire(role);
    }
}
