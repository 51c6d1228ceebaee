package io.tillbridge.ui;

import com.vaadin.flow.server.VaadinSession;
import io.tillbridge.access.Caller;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.users.Account;
import io.tillbridge.users.Membership;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is signed in to the portal, kept in the Vaadin session: the user (as the identity service
 * verified them), their tenants, the tenant they work in now, and for support staff an optional
 * live impersonation. It holds no permissions: every action asks {@code TenantAccess} again with
 * {@link #caller()}, so the portal gets exactly the API's permissions, suspension and isolation.
 *
 * @param userId the signed-in user
 * @param email their e-mail address
 * @param platformRole support or superadmin for staff; empty for merchants
 * @param tenants the tenants they belong to, as of sign-in or the last change
 * @param currentTenant the tenant chosen in the tenant switcher; empty when they belong to none
 * @param impersonation the support session they work in; empty unless staff started one
 * @param refreshToken the identity service's refresh token, revoked at sign-out
 */
public record PortalSession(UUID userId, String email, Optional<Caller.PlatformRole> platformRole,
        List<Membership> tenants, Optional<TenantId> currentTenant, Optional<Impersonating> impersonation,
        String refreshToken) {

    private static final String ATTRIBUTE = PortalSession.class.getName();

    public PortalSession {
        Objects.requireNonNull(userId, "userId");
        tenants = List.copyOf(tenants);
        platformRole = platformRole == null ? Optional.empty() : platformRole;
        currentTenant = currentTenant == null ? Optional.empty() : currentTenant;
        impersonation = impersonation == null ? Optional.empty() : impersonation;
    }

    /**
     * A support user's live impersonation of one tenant.
     *
     * @param id the impersonation
     * @param tenant the tenant
     * @param slug the tenant's slug, typed to confirm write access
     * @param tenantName the tenant's name
     * @param writeAccess whether write access was confirmed
     */
    public record Impersonating(UUID id, TenantId tenant, String slug, String tenantName, boolean writeAccess) {
    }

    /** A session for a user who just signed in, working in their first tenant. */
    public static PortalSession signedIn(Account account, String refreshToken) {
        return new PortalSession(account.user().id(), account.user().email(), account.user().platformRole(),
                account.tenants(), account.tenants().stream().findFirst().map(Membership::tenant), Optional.empty(),
                refreshToken);
    }

    /**
     * The session of the current Vaadin session, if someone is signed in. A tenant the user was
     * removed from since (as {@link PortalSessionFilter} last saw) is dropped from it first.
     */
    public static Optional<PortalSession> current() {
        VaadinSession session = VaadinSession.getCurrent();
        PortalSession portal = session == null ? null : session.getAttribute(PortalSession.class);
        if (portal == null) {
            return Optional.empty();
        }
        PortalSession kept = SessionStamp.current().map(stamp -> portal.keepingOnly(stamp.memberOf())).orElse(portal);
        if (kept != portal) {
            session.setAttribute(PortalSession.class, kept);
        }
        return Optional.of(kept);
    }

    /** This session without the tenants the user no longer belongs to; itself when nothing changed. */
    PortalSession keepingOnly(java.util.Set<TenantId> memberOf) {
        List<Membership> still = tenants.stream().filter(m -> memberOf.contains(m.tenant())).toList();
        if (still.size() == tenants.size()) {
            return this;
        }
        Optional<TenantId> chosen = currentTenant.filter(memberOf::contains)
                .or(() -> still.stream().findFirst().map(Membership::tenant));
        return withTenants(still, chosen);
    }

    /** The current session; 401 (shown as a message) when nobody is signed in. */
    public static PortalSession require() {
        return current().orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "Sign in first."));
    }

    /** Makes this the current session. */
    public void store() {
        VaadinSession.getCurrent().setAttribute(PortalSession.class, this);
    }

    /** Signs out of the portal: the Vaadin session forgets who was signed in. */
    public static void clear() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(ATTRIBUTE, null);
        }
        SessionStamp.clear();
    }

    public boolean isStaff() {
        return platformRole.isPresent();
    }

    /** Who acts: the support user through the impersonation while there is one, else the user. */
    public Caller caller() {
        return impersonation.<Caller>map(i -> new Caller.Support(userId, email, i.id(), i.tenant()))
                .orElseGet(() -> user());
    }

    /** The signed-in user themself, never the impersonation. */
    public Caller.User user() {
        return new Caller.User(userId, email, platformRole);
    }

    /** The tenant the portal's pages show: the impersonated one, else the chosen one. */
    public Optional<TenantId> tenant() {
        return impersonation.map(Impersonating::tenant).or(() -> currentTenant);
    }

    /** The tenant the pages show; a readable refusal when there is none. */
    public TenantId requireTenant() {
        return tenant().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "You do not belong to any tenant yet. Accept an invitation, or sign up your business."));
    }

    /** The caller's scope in the tenant the pages show, as the API would admit it. */
    public TenantScope admit(TenantAccess access) {
        return access.admit(caller(), requireTenant());
    }

    /** The membership of the chosen tenant, if the user is a member of it. */
    public Optional<Membership> currentMembership() {
        return currentTenant.flatMap(t -> tenants.stream().filter(m -> m.tenant().equals(t)).findFirst());
    }

    public PortalSession withTenants(List<Membership> newTenants, Optional<TenantId> chosen) {
        return new PortalSession(userId, email, platformRole, newTenants, chosen, impersonation, refreshToken);
    }

    public PortalSession withCurrentTenant(TenantId tenant) {
        return new PortalSession(userId, email, platformRole, tenants, Optional.of(tenant), impersonation, refreshToken);
    }

    public PortalSession withImpersonation(Optional<Impersonating> next) {
        return new PortalSession(userId, email, platformRole, tenants, currentTenant, next, refreshToken);
    }
}
