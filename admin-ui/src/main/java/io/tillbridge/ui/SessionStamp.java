package io.tillbridge.ui;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.users.Session;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link PortalSessionFilter} checks on each request of a signed-in portal session, kept in
 * the HTTP session beside Vaadin's state: who signed in, when (absolute timeout), their last
 * action (idle timeout), the user's last session revocation as of sign-in (a password reset or
 * change, "sign out everywhere" moves it and so ends this session), and the tenants the user still
 * belongs to according to the last check.
 */
public final class SessionStamp implements Serializable {

    static final String ATTRIBUTE = SessionStamp.class.getName();

    private final UUID userId;
    private final Instant signedInAt;
    private final Instant revokedAtSignIn;
    private volatile Instant lastActivity;
    private volatile Set<TenantId> memberOf;

    SessionStamp(UUID userId, Instant signedInAt, Optional<Instant> revokedAtSignIn, Set<TenantId> memberOf) {
        this.userId = userId;
        this.signedInAt = signedInAt;
        this.revokedAtSignIn = revokedAtSignIn.orElse(null);
        this.lastActivity = signedInAt;
        this.memberOf = Set.copyOf(memberOf);
    }

    /** Stamps the current HTTP session after a sign-in with {@code session}. */
    public static void begin(Session session) {
        VaadinSession vaadin = VaadinSession.getCurrent();
        if (vaadin == null || vaadin.getSession() == null) {
            return;
        }
        Set<TenantId> tenants = new java.util.HashSet<>();
        session.account().tenants().forEach(m -> tenants.add(m.tenant()));
        vaadin.getSession().setAttribute(ATTRIBUTE, new SessionStamp(session.account().user().id(), Instant.now(),
                session.sessionsRevokedAt(), tenants));
    }

    /**
     * A new HTTP session id at sign-in, so that a session id planted before sign-in (session
     * fixation) is worthless afterwards. Vaadin moves the session's state to the new id.
     */
    public static void renewSessionId() {
        com.vaadin.flow.server.VaadinRequest request = com.vaadin.flow.server.VaadinRequest.getCurrent();
        if (request != null && request.getWrappedSession(false) != null) {
            com.vaadin.flow.server.VaadinService.reinitializeSession(request);
        }
    }

    /** The stamp of the current Vaadin request's HTTP session, if it has one. */
    static Optional<SessionStamp> current() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        WrappedSession http = vaadin == null ? null : vaadin.getSession();
        return http == null ? Optional.empty() : Optional.ofNullable((SessionStamp) http.getAttribute(ATTRIBUTE));
    }

    static void clear() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        if (vaadin != null && vaadin.getSession() != null) {
            vaadin.getSession().removeAttribute(ATTRIBUTE);
        }
    }

    UUID userId() {
        return userId;
    }

    Instant signedInAt() {
        return signedInAt;
    }

    Optional<Instant> revokedAtSignIn() {
        return Optional.ofNullable(revokedAtSignIn);
    }

    Instant lastActivity() {
        return lastActivity;
    }

    void touch(Instant now) {
        lastActivity = now;
    }

    Set<TenantId> memberOf() {
        return memberOf;
    }

    void memberOf(Set<TenantId> tenants) {
        memberOf = Set.copyOf(tenants);
    }
}
