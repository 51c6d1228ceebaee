package io.tillbridge.access;

import io.micronaut.security.authentication.Authentication;
import io.tillbridge.access.internal.AccessRows;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.audit.Actor;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a verified caller to a tenant, or refuses. The tenant id in a URL only selects among the
 * tenants the credential already reaches: a member's memberships, a partner's grants, a support
 * user's live impersonation. Anything else answers 404, as if the tenant did not exist, and is
 * recorded as a security event naming both the caller's tenants and the tenant it tried.
 */
@Singleton
public class TenantAccess {

    private static final Logger SECURITY = LoggerFactory.getLogger("io.tillbridge.security");

    private static final Set<Permission> DELEGATED_WRITE = EnumSet.of(Permission.READ, Permission.OPERATE,
            Permission.CONFIGURE);

    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    public TenantAccess(TenantTransactions transactions, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The caller's scope in {@code tenantId}, checked for {@code permission}.
     *
     * @throws ProblemException 404 when the caller cannot reach the tenant; 403 tenant-suspended
     *     when it is suspended; 403 forbidden when the caller's role lacks the permission
     */
    public TenantScope require(Authentication authentication, UUID tenantId, Permission permission) {
        return admit(Caller.of(authentication), new TenantId(tenantId)).require(permission);
    }

    /** The caller's scope in {@code tenant}, with whatever permissions it has there. */
    public TenantScope admit(Caller caller, TenantId tenant) {
        Optional<Admission> admission = transactions.withoutTenant(c -> lookup(c, caller, tenant));
        if (admission.isEmpty()) {
            refuseCrossTenant(caller, tenant);
        }
        Admission a = admission.get();
        if (a.suspended() && !(caller instanceof Caller.Support)) {
            throw new ProblemException(ProblemType.TENANT_SUSPENDED,
                    "This tenant is suspended. Its data is kept; contact support to resume it.");
        }
        return a.scope();
    }

    private record Admission(TenantScope scope, boolean suspended) {
    }

    private Optional<Admission> lookup(Connection c, Caller caller, TenantId tenant) throws SQLException {
        Optional<Boolean> suspended = suspended(c, tenant);
        if (suspended.isEmpty()) {
            return Optional.empty();
        }
        Optional<TenantScope> scope;
        if (caller instanceof Caller.User user) {
            scope = memberRole(c, user.userId(), tenant).map(role -> new TenantScope(tenant,
                    new Actor(Actor.Kind.USER, user.userId().toString(), user.email(), null),
                    role.permissions(), Optional.of(role)));
        } else if (caller instanceof Caller.Partner partner) {
            scope = AccessRows.granted(c, partner.partnerId(), tenant)
                    ? Optional.of(new TenantScope(tenant,
                            new Actor(Actor.Kind.PARTNER, partner.keyId().toString(), partnerName(c, partner.partnerId()), null),
                            partnerPermissions(partner.scopes()), Optional.empty()))
                    : Optional.empty();
        } else {
            Caller.Support support = (Caller.Support) caller;
            scope = support.tenant().equals(tenant)
                    ? impersonationPermissions(c, support).map(permissions -> new TenantScope(tenant,
                            new Actor(Actor.Kind.SUPPORT, support.supportUserId().toString(), support.email(),
                                    "impersonation:" + support.impersonationId() + " tenant:" + tenant),
                            permissions, Optional.empty()))
                    : Optional.empty();
        }
        return scope.map(s -> new Admission(s, suspended.get()));
    }

    private static Optional<Boolean> suspended(Connection c, TenantId tenant) throws SQLException {
        return AccessRows.tenantStatus(c, tenant).map("suspended"::equals);
    }

    private static Optional<TenantRole> memberRole(Connection c, UUID user, TenantId tenant) throws SQLException {
        return AccessRows.memberRole(c, user, tenant).map(TenantRole::fromWire);
    }

    private static String partnerName(Connection c, UUID partner) throws SQLException {
        return AccessRows.partnerName(c, partner).orElse(partner.toString());
    }

    private static Set<Permission> partnerPermissions(Set<Caller.PartnerScope> scopes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        scopes.forEach(s -> permissions.addAll(s.permissions()));
        return permissions;
    }

    /**
     * A live impersonation reads; once write access is confirmed it may do what an admin may, except
     * managing members (DD-019): support must not be able to leave itself a way back in.
     */
    private Optional<Set<Permission>> impersonationPermissions(Connection c, Caller.Support support) throws SQLException {
        return AccessRows.impersonationWriteConfirmed(c, support.impersonationId(), support.tenant(),
                support.supportUserId(), clock.instant())
                .map(writeConfirmed -> writeConfirmed ? DELEGATED_WRITE : EnumSet.of(Permission.READ));
    }

    private void refuseCrossTenant(Caller caller, TenantId target) {
        List<String> callerTenants = transactions.withoutTenant(c -> homeTenants(c, caller));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("caller", describe(caller));
        event.put("callerTenants", callerTenants);
        event.put("targetTenant", target.toString());
        SECURITY.warn("Cross-tenant access refused: {} (tenants {}) tried tenant {}", describe(caller), callerTenants, target);
        try {
            transactions.withoutTenant(c -> {
                boolean exists = suspended(c, target).isPresent();
                audit.append(c, exists ? target : null, actorOf(caller),
                        AuditLog.Entry.of("security.cross-tenant-refused", "tenant", target).after(event));
                return null;
            });
        } catch (RuntimeException e) {
            SECURITY.error("Could not record the refused cross-tenant access: {}", e.getMessage());
        }
        throw new ProblemException(ProblemType.NOT_FOUND, "No such resource.");
    }

    private static List<String> homeTenants(Connection c, Caller caller) throws SQLException {
        if (caller instanceof Caller.Support support) {
            return List.of(support.tenant().toString());
        }
        return caller instanceof Caller.User user
                ? AccessRows.memberTenants(c, user.userId())
                : AccessRows.grantedTenants(c, ((Caller.Partner) caller).partnerId());
    }

    static String describe(Caller caller) {
        if (caller instanceof Caller.User u) {
            return "user " + u.userId();
        }
        if (caller instanceof Caller.Partner p) {
            return "partner " + p.partnerId() + " key " + p.keyId();
        }
        Caller.Support s = (Caller.Support) caller;
        return "support " + s.supportUserId() + " impersonation " + s.impersonationId();
    }

    static Actor actorOf(Caller caller) {
        if (caller instanceof Caller.User u) {
            return new Actor(Actor.Kind.USER, u.userId().toString(), u.email(), null);
        }
        if (caller instanceof Caller.Partner p) {
            return new Actor(Actor.Kind.PARTNER, p.keyId().toString(), p.partnerId().toString(), null);
        }
        Caller.Support s = (Caller.Support) caller;
        return new Actor(Actor.Kind.SUPPORT, s.supportUserId().toString(), s.email(), "impersonation:" + s.impersonationId());
    }
}
