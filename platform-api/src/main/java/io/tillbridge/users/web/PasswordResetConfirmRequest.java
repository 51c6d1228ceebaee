package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.PasswordHasher;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The token from the reset link and the new password. */
@Serdeable
@Schema(name = "PasswordResetConfirmRequest")
public record PasswordResetConfirmRequest(
        @Schema(example = "Jm3kT0bq8V1xN5cR7wY2zA4dF6gH8jK0lP2sU4vX6yB") @NotBlank @Size(max = 200) String token,
        @Schema(description = "12 to 256 characters", example = "a-longer-and-newer-passphrase", format = "password")
        @NotNull @Size(min = PasswordHasher.MIN_LENGTH, max = PasswordHasher.MAX_LENGTH, message = PasswordHasher.POLICY)
        String newPassword) {

    @Override
    public String toString() {
        return "PasswordResetConfirmRequest[redacted]";
    }
}
