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

    /**
     * Whether the caller acts through delegated access (a partner key or a support impersonation)
     * rather than as a member signed in as themselves.
     */
    public boolean delegated() {
        return actor.kind() == Actor.Kind.PARTNER || actor.kind() == Actor.Kind.SUPPORT;
    }

    /**
     * Refuses with 403 unless the caller has {@code permission}. Member management and owner
     * changes answer 403 {@code delegated-access} to partner keys and impersonations, whatever
     * their scope or confirmation: delegated access must not be able to make itself permanent.
     */
    public TenantScope require(Permission permission) {
        if (delegated() && (permission == Permission.MANAGE_MEMBERS || permission == Permission.OWN)) {
            throw new ProblemException(ProblemType.DELEGATED_ACCESS, (actor.kind() == Actor.Kind.PARTNER
                    ? "A partner API key" : "A support impersonation")
                    + " cannot invite, change or remove members of a tenant. An owner or admin of the tenant,"
                    + " signed in as themselves, manages its team.");
        }
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
