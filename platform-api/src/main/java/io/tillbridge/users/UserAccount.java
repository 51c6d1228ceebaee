package io.tillbridge.users;

import io.tillbridge.access.Caller;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A person who can sign in.
 *
 * @param id the user id (the subject of their access tokens)
 * @param email the address they sign in with
 * @param name the display name
 * @param emailVerified whether they followed a verification (or password-reset) link
 * @param platformRole support or superadmin for platform staff; empty for merchants
 * @param version the row version, the ETag of {@code /api/v1/me}
 */
public record UserAccount(UUID id, String email, String name, boolean emailVerified,
        Optional<Caller.PlatformRole> platformRole, int version) {

    public UserAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        platformRole = platformRole == null ? Optional.empty() : platformRole;
    }
}
