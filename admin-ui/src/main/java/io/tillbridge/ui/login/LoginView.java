package io.tillbridge.ui.login;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.login.AbstractLogin;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.onboarding.OnboardingService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.SessionStamp;
import io.tillbridge.ui.Visitor;
import io.tillbridge.ratelimits.AnonymousLimits;
import io.tillbridge.users.Session;
import io.tillbridge.users.SessionService;
import java.util.List;
import java.util.Map;

/**
 * Sign-in with the same identities as the API: the identity service verifies the password (with
 * its throttling and audit), and the portal session then holds who signed in. A {@code continue}
 * query parameter names the portal page to open afterwards (e.g. an invitation link).
 */
@Route("login")
@PageTitle("Sign in · Tillbridge")
class LoginView extends VerticalLayout implements BeforeEnterObserver {

    static final String REFUSED_TITLE = "Sign-in refused";

    private final SessionService sessions;
    private final AnonymousLimits limits;
    private final TenantAccess access;
    private final OnboardingService onboarding;
    private final LoginForm form = new LoginForm();
    private final Anchor createAccount = new Anchor("signup", "Create an account");
    private String next = "";

    LoginView(SessionService sessions, AnonymousLimits limits, TenantAccess access, OnboardingService onboarding) {
        this.sessions = sessions;
        this.limits = limits;
        this.access = access;
        this.onboarding = onboarding;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        getStyle().set("background", "var(--lumo-contrast-5pct)");

        form.setI18n(texts(REFUSED_TITLE, ""));
        form.addLoginListener(this::signIn);
        form.addForgotPasswordListener(event -> UI.getCurrent().navigate("reset-password"));
        form.getStyle()
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("overflow", "hidden")
                .set("background", "var(--lumo-base-color)")
                .set("box-shadow", "var(--lumo-box-shadow-s)")
                .set("border-top", "4px solid var(--lumo-primary-color)");

        createAccount.setId("create-account");
        Anchor home = new Anchor("./", "Back to Tillbridge");
        HorizontalLayout links = new HorizontalLayout(createAccount, home);
        links.getStyle().set("font-size", "var(--lumo-font-size-s)");
        add(form, links);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> requested = event.getLocation().getQueryParameters().getParameters().getOrDefault("continue", List.of());
        next = requested.stream().findFirst().filter(LoginView::isPortalPath).orElse("");
        createAccount.setHref(next.isEmpty() ? "signup"
                : "signup?" + QueryParameters.simple(Map.of("continue", next)).getQueryString());
    }

    private void signIn(AbstractLogin.LoginEvent event) {
        try {
            limits.require(AnonymousLimits.Kind.SIGN_IN, Visitor.address());
            Session session = sessions.login(event.getUsername().trim(), event.getPassword(), Visitor.address());
            PortalSession signedIn = PortalSession.signedIn(session.account(), session.refreshToken());
            renewSessionId();
            signedIn.store();
            SessionStamp.begin(session);
            navigate(destination(signedIn));
        } catch (ProblemException e) {
            form.setI18n(texts(REFUSED_TITLE, e.getMessage()));
            form.setError(true);
            // LoginForm disables itself while a login event is handled; let the user try again.
            form.setEnabled(true);
        }
    }

    /**
     * A new HTTP session id at sign-in, so that a session id planted before sign-in (session
     * fixation) is worthless afterwards. Vaadin moves the session's state to the new id.
     */
    static void renewSessionId() {
        SessionStamp.renewSessionId();
    }

    /** Opens a portal path that may carry a query string, such as an invitation link's. */
    static void navigate(String pathWithQuery) {
        int question = pathWithQuery.indexOf('?');
        if (question < 0) {
            UI.getCurrent().navigate(pathWithQuery);
        } else {
            UI.getCurrent().navigate(pathWithQuery.substring(0, question),
                    QueryParameters.fromString(pathWithQuery.substring(question + 1)));
        }
    }

    private String destination(PortalSession session) {
        if (!next.isEmpty()) {
            return next;
        }
        if (session.isStaff() && session.tenants().isEmpty()) {
            return "support";
        }
        return unfinishedOnboarding(session) ? "get-started" : "home";
    }

    /** Whether the tenant signed in to still has onboarding to do (and the member may do it). */
    private boolean unfinishedOnboarding(PortalSession session) {
        try {
            TenantScope scope = session.admit(access);
            return scope.may(Permission.CONFIGURE) && !onboarding.progress(scope).finished();
        } catch (ProblemException e) {
            return false;
        }
    }

    /** Only paths inside the portal, so that a crafted link cannot send a signed-in user elsewhere. */
    static boolean isPortalPath(String path) {
        return path != null && path.matches("[a-z][a-z0-9/_-]*(\\?[^\\s]*)?") && !path.contains("//");
    }

    private static LoginI18n texts(String errorTitle, String errorMessage) {
        LoginI18n texts = LoginI18n.createDefault();
        texts.getForm().setTitle("Sign in to Tillbridge");
        texts.getForm().setUsername("Email");
        texts.getForm().setSubmit("Sign in");
        texts.getForm().setForgotPassword("Forgot your password?");
        texts.getErrorMessage().setUsername("Enter your email address");
        texts.getErrorMessage().setPassword("Enter your password");
        texts.getErrorMessage().setTitle(errorTitle);
        texts.getErrorMessage().setMessage(errorMessage);
        return texts;
    }
}
