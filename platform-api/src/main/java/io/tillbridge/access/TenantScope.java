package io.tillbridge.access;

import io.tillbridge.audit.Actor;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A caller admitted to one tenant: which tenant, who (for the audit log), and what it may do.
 * Obtained only from {@link TenantAccess}; services take it as their first parameter.
 *
 * @param tenant the tenant, from the verified credential and the tenant's grants, never from input
 * @param actor who acts, for the audit log
 * @param permissions what the caller may do here
 * @param role the member's role; empty for partners and support staff
 */
public record TenantScope(TenantId tenant, Actor actor, Set<Permission> permissions, Optional<TenantRole> role) {

    public TenantScope {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        permissions = Set.copyOf(permissions);
        role = role == null ? Optional.empty() : role;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** Refuses with 403 unless the caller has {@code permission}. */
    public TenantScope require(Permission permission) {
        if (!may(permission) && actor.kind() == Actor.Kind.SUPPORT && may(Permission.READ)
                && permission != Permission.OWN) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Read-only impersonation: confirm write access first, as a deliberate act.");
        }
        if (!may(permission)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Your access to this tenant ("
                    + role.map(TenantRole::wire).orElse(actor.kindWire()) + ") does not allow this action ("
                    + permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ").");
        }
        return this;
    }
}
