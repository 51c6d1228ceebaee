package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.PasswordHasher;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The current password, to prove it is the user, and the new one. */
@Serdeable
@Schema(name = "ChangePasswordRequest")
public record ChangePasswordRequest(
        @Schema(example = "grind-the-beans-at-dawn", format = "password") @NotBlank @Size(max = 1024) String currentPassword,
        @Schema(description = "12 to 256 characters", example = "a-longer-and-newer-passphrase", format = "password")
        @NotNull @Size(min = PasswordHasher.MIN_LENGTH, max = PasswordHasher.MAX_LENGTH, message = PasswordHasher.POLICY)
        String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[redacted]";
    }
}
