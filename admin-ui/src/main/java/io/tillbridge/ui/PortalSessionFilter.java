package io.tillbridge.ui;

import io.tillbridge.users.SessionService;
import io.tillbridge.users.SessionStanding;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the portal's Vaadin servlet. Sets the headers that keep the portal out of frames and
 * stop content sniffing, and ends a signed-in session at its next request when it has been idle
 * too long, is older than the absolute timeout, or its user's sessions were revoked since sign-in
 * (a password reset or change, "sign out everywhere", or the account is gone). Ending means the
 * HTTP session is invalidated: Vaadin then reloads the page, and the layout sends the visitor to
 * the sign-in page. It also records the tenants the user still belongs to, so that a removal from
 * a tenant drops it from the portal session ({@link PortalSession#current()}).
 *
 * <p>Vaadin's heartbeats ({@code v-r=heartbeat}) keep the connection alive but are no user
 * action: they do not reset the idle time.
 */
final class PortalSessionFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(PortalSessionFilter.class);

    private final SessionService sessions;
    private final PortalSessionSettings settings;
    private final Clock clock;

    PortalSessionFilter(SessionService sessions, PortalSessionSettings settings, Clock clock) {
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        HttpSession http = request.getSession(false);
        // Static files (the client bundle, icons) show nothing of anyone's; the check, which reads
        // the database, runs for the requests that do: page loads, UI events, heartbeats.
        if (http != null && !request.getRequestURI().startsWith(request.getContextPath() + "/VAADIN/")) {
            check(http, request);
        }
        chain.doFilter(req, res);
    }

    private void check(HttpSession http, HttpServletRequest request) {
        SessionStamp stamp;
        try {
            stamp = (SessionStamp) http.getAttribute(SessionStamp.ATTRIBUTE);
        } catch (IllegalStateException invalidated) {
            return;
        }
        if (stamp == null) {
            return;
        }
        Instant now = clock.instant();
        Optional<String> ended = ended(stamp, now);
        if (ended.isPresent()) {
            LOG.info("Portal session of user {} ended: {}", stamp.userId(), ended.get());
            try {
                http.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // Ended by another request meanwhile.
            }
            return;
        }
        if (!"heartbeat".equals(request.getParameter("v-r"))) {
            stamp.touch(now);
        }
    }

    private Optional<String> ended(SessionStamp stamp, Instant now) {
        if (Duration.between(stamp.signedInAt(), now).compareTo(settings.absoluteTimeout()) >= 0) {
            return Optional.of("absolute timeout");
        }
        if (Duration.between(stamp.lastActivity(), now).compareTo(settings.idleTimeout()) >= 0) {
            return Optional.of("idle timeout");
        }
        Optional<SessionStanding> standing;
        try {
            standing = sessions.standing(stamp.userId());
        } catch (RuntimeException e) {
            // Without the database no page works either; the pages answer with their own error.
            LOG.warn("Could not check the portal session of user {}: {}", stamp.userId(), e.getMessage());
            return Optional.empty();
        }
        if (standing.isEmpty()) {
            return Optional.of("the account no longer exists");
        }
        if (!standing.get().sessionsRevokedAt().equals(stamp.revokedAtSignIn())) {
            return Optional.of("the user's sessions were revoked (password reset or change, sign out everywhere)");
        }
        stamp.memberOf(standing.get().tenants());
        return Optional.empty();
    }
}
