package io.tillbridge.users.web;

import io.tillbridge.mail.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.PasswordHasher;
import io.tillbridge.users.Signup;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A self-signup: the business and the person who will own its tenant. */
@Serdeable
@Schema(name = "SignupRequest")
public record SignupRequest(
        @Schema(description = "The business's name; the tenant's slug is derived from it", example = "Harbour Coffee Roasters")
        @NotBlank @Size(max = 200) String businessName,
        @Schema(description = "The owner's email address; a verification link is sent to it", example = "maria@harbourcoffee.example")
        @NotBlank @Email @Size(max = 254) String email,
        @Schema(description = "The owner's password: 12 to 256 characters", example = "grind-the-beans-at-dawn", format = "password")
        @NotNull @Size(min = PasswordHasher.MIN_LENGTH, max = PasswordHasher.MAX_LENGTH, message = PasswordHasher.POLICY) String password,
        @Schema(description = "The owner's display name", example = "Maria Jensen")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The business's ISO 4217 currency; USD when absent", example = "USD", nullable = true)
        @Nullable @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code such as USD") String currency) {


    /** The address in its one normal form (DD-019), before validation: {@code " Bob@Example.com "} is valid. */
    public SignupRequest {
        email = EmailAddress.normalise(email);
    }

    Signup toSignup() {
        return new Signup(businessName, email, password, name, currency);
    }

    @Override
    public String toString() {
        return "SignupRequest[businessName=" + businessName + ", email=" + email + ", name=" + name + "]";
    }
}
