package io.tillbridge.support;

import io.tillbridge.access.Caller;
import io.tillbridge.audit.Actor;
import java.util.Objects;
import java.util.UUID;

/**
 * A support or superadmin user, checked by {@link StaffAccess}. Every support service method takes
 * one, so that none can be called for a caller that was not checked.
 *
 * @param userId the staff user's id
 * @param email the staff user's e-mail address, recorded as the actor's label
 * @param role support or superadmin, as the database holds it now
 */
public record Staff(UUID userId, String email, Caller.PlatformRole role) {

    public Staff {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    /** The staff user as the audit log records it: a support actor acting on the platform. */
    public Actor actor() {
        return new Actor(Actor.Kind.SUPPORT, userId.toString(), email, null);
    }
}
