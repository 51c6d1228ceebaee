package io.tillbridge.users.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.Caller;
import io.tillbridge.users.UserAccount;
import java.util.UUID;

/** The signed-in user. */
@Serdeable
@Schema(name = "User")
public record UserResponse(
        @Schema(example = "0b6c2d4e-8a1f-4c3b-9e7d-5f2a1b3c4d5e") UUID id,
        @Schema(example = "maria@harbourcoffee.example") String email,
        @Schema(example = "Maria Jensen") String name,
        @Schema(description = "False until the user follows the mailed verification link") boolean emailVerified,
        @Schema(description = "support or superadmin for platform staff; absent for everyone else", nullable = true)
        @Nullable String platformRole) {

    static UserResponse of(UserAccount user) {
        return new UserResponse(user.id(), user.email(), user.name(), user.emailVerified(),
                user.platformRole().map(Caller.PlatformRole::wire).orElse(null));
    }
}
