package io.tillbridge.users.web;

import io.tillbridge.mail.EmailAddress;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An email address to send a link to. */
@Serdeable
@Schema(name = "EmailRequest")
public record EmailRequest(
        @Schema(example = "maria@harbourcoffee.example") @NotBlank @Email @Size(max = 254) String email) {


    /** The address in its one normal form (DD-019), before validation: {@code " Bob@Example.com "} is valid. */
    public EmailRequest {
        email = EmailAddress.normalise(email);
    }
}
