package io.tillbridge.users;

import io.tillbridge.tenants.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a long-lived session (the portal's) checks on each request: when the user's sessions were
 * last revoked (a password reset or change, "sign out everywhere"), and the tenants the user still
 * belongs to.
 *
 * @param sessionsRevokedAt the last revocation; empty when there was none
 * @param tenants the tenants the user is a member of now
 */
public record SessionStanding(Optional<Instant> sessionsRevokedAt, Set<TenantId> tenants) {

    public SessionStanding {
        tenants = Set.copyOf(tenants);
    }
}
