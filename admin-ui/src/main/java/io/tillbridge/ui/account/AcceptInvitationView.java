package io.tillbridge.ui.account;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tillbridge.members.InvitationService;
import io.tillbridge.members.Membership;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.SessionStamp;
import io.tillbridge.ui.PublicPage;
import io.tillbridge.ui.Visitor;
import io.tillbridge.ratelimits.AnonymousLimits;
import io.tillbridge.users.AccountService;
import io.tillbridge.users.InvitedSignupService;
import io.tillbridge.users.Session;
import io.tillbridge.users.SessionService;
import java.util.Map;
import java.util.Optional;

/**
 * The target of the mailed invitation link ({@code accept-invitation?token=...}): a signed-in user
 * accepts; a visitor either signs in (the sign-in page brings them back here) or, new to
 * Tillbridge, creates an account with the invited address, which joins the tenant at once.
 */
@Route("accept-invitation")
@PageTitle("Accept invitation · Tillbridge")
class AcceptInvitationView extends PublicPage implements BeforeEnterObserver {

    private final InvitationService invitations;
    private final AccountService accounts;
    private final InvitedSignupService invitedSignups;
    private final SessionService sessions;
    private final AnonymousLimits limits;

    AcceptInvitationView(InvitationService invitations, AccountService accounts, InvitedSignupService invitedSignups,
            SessionService sessions, AnonymousLimits limits) {
        super("Join a team on Tillbridge");
        this.invitations = invitations;
        this.accounts = accounts;
        this.invitedSignups = invitedSignups;
        this.sessions = sessions;
        this.limits = limits;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse("");
        Optional<PortalSession> session = PortalSession.current();
        if (session.isEmpty()) {
            offerSignInOrSignUp(token, event.getLocation().getPathWithQueryParameters());
            return;
        }
        Paragraph explanation = new Paragraph("You were invited to join a tenant. Accept to join it as "
                + session.get().email() + ".");
        Button accept = new Button("Accept invitation", click -> accept(token));
        accept.setId("accept-invitation");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(explanation, accept);
    }

    /**
     * A visitor who is not signed in: an existing user signs in (and comes back here); a new one
     * creates an account with the invited address, which joins the tenant at once.
     */
    private void offerSignInOrSignUp(String token, String here) {
        InvitationService.Invitee invitee;
        try {
            // An anonymous look-up by token: limited per address like the API's verification routes.
            limits.require(AnonymousLimits.Kind.EMAIL_VERIFICATION, Visitor.address());
            invitee = invitations.invitee(token);
        } catch (ProblemException e) {
            Paragraph refused = new Paragraph(e.getMessage());
            refused.setId("accept-invitation-refused");
            refused.getStyle().set("color", "var(--lumo-error-text-color)");
            show(refused);
            return;
        }
        Paragraph explanation = new Paragraph("You were invited to join " + invitee.tenantName() + " as "
                + invitee.role().wire() + ". Already on Tillbridge? ");
        Anchor signIn = new Anchor("login?" + QueryParameters.simple(Map.of("continue", here)).getQueryString(),
                "Sign in as " + invitee.email() + " to accept");
        signIn.setId("accept-invitation-sign-in");
        explanation.add(signIn);
        TextField name = new TextField("Your name");
        name.setId("invited-name");
        name.setRequired(true);
        PasswordField password = new PasswordField("Choose a password (at least 12 characters)");
        password.setId("invited-password");
        password.setRequired(true);
        Button create = new Button("Create my account and join", click -> signUp(token, invitee.email(), name, password));
        create.setId("invited-sign-up");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(name, password);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        show(explanation, new H3("New to Tillbridge?"), form, create);
    }

    private void signUp(String token, String email, TextField name, PasswordField password) {
        if (name.getValue().isBlank()) {
            name.setInvalid(true);
            name.setErrorMessage("Enter your name");
            return;
        }
        try {
            limits.require(AnonymousLimits.Kind.SIGN_UP, Visitor.address());
            InvitedSignupService.Joined joined = invitedSignups.signUp(token, name.getValue().trim(), password.getValue());
            Session session = sessions.login(email, password.getValue(), "portal");
            TenantId tenant = new TenantId(joined.membership().tenantId());
            SessionStamp.renewSessionId();
            PortalSession.signedIn(session.account(), session.refreshToken())
                    .withCurrentTenant(tenant).store();
            SessionStamp.begin(session);
            Notices.done("Welcome! You joined " + joined.membership().tenantName() + ".");
            UI.getCurrent().navigate("home");
        } catch (ProblemException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("password")) {
                password.setInvalid(true);
                password.setErrorMessage(e.getMessage());
            } else {
                Notices.refused(e);
            }
        }
    }

    private void accept(String token) {
        try {
            PortalSession session = PortalSession.require();
            Membership joined = invitations.accept(session.user(), token);
            TenantId tenant = new TenantId(joined.tenantId());
            session.withTenants(accounts.account(session.user()).tenants(), Optional.of(tenant)).store();
            Notices.done("You joined " + joined.tenantName() + " as " + joined.member().role() + ".");
            UI.getCurrent().navigate("home");
        } catch (ProblemException e) {
            Paragraph refused = new Paragraph(e.getMessage());
            refused.setId("accept-invitation-refused");
            refused.getStyle().set("color", "var(--lumo-error-text-color)");
            show(refused);
        }
    }
}
