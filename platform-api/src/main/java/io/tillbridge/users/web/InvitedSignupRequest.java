package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.PasswordHasher;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Sign-up through an invitation: the mailed token, and the new account's name and password. */
@Serdeable
@Schema(name = "InvitedSignupRequest")
public record InvitedSignupRequest(
        @Schema(description = "The token from the invitation link", example = "0b6f7f0e-4f7e-4f43-9f5c-2d1f0a4f9d1e.q3Jb0...")
        @NotBlank @Size(max = 200) String invitationToken,
        @Schema(description = "Your display name", example = "Sam Lee") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Your password: 12 to 256 characters", example = "steam-the-milk-slowly", format = "password")
        @NotNull @Size(min = PasswordHasher.MIN_LENGTH, max = PasswordHasher.MAX_LENGTH, message = PasswordHasher.POLICY)
        String password) {

    @Override
    public String toString() {
        return "InvitedSignupRequest[name=" + name + "]";
    }
}
