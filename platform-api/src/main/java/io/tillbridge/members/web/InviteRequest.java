package io.tillbridge.members.web;

import io.tillbridge.mail.EmailAddress;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.TenantRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Whom to invite, and with which role. */
@Serdeable
@Schema(description = "The address to invite and the role the invited person will have")
public record InviteRequest(
        @Schema(example = "sam@harbour-coffee.example") @NotBlank @Email @Size(max = 254) String email,
        @Schema(example = "operator", allowableValues = {"owner", "admin", "operator", "viewer"})
        @NotBlank @Pattern(regexp = Roles.PATTERN, message = Roles.MESSAGE) String role) {


    /** The address in its one normal form (DD-019), before validation: {@code " Bob@Example.com "} is valid. */
    public InviteRequest {
        email = EmailAddress.normalise(email);
    }

    TenantRole tenantRole() {
        return TenantRole.fromWire(role);
    }
}
