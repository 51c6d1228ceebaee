package io.tillbridge.ui.account;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
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
import io.tillbridge.ui.PublicPage;
import io.tillbridge.users.AccountService;
import java.util.Map;
import java.util.Optional;

/**
 * The target of the mailed invitation link ({@code accept-invitation?token=...}): sign in first if
 * needed (the sign-in page brings the visitor back here), then accept as the signed-in user.
 */
@Route("accept-invitation")
@PageTitle("Accept invitation · Tillbridge")
class AcceptInvitationView extends PublicPage implements BeforeEnterObserver {

    private final InvitationService invitations;
    private final AccountService accounts;

    AcceptInvitationView(InvitationService invitations, AccountService accounts) {
        super("Join a team on Tillbridge");
        this.invitations = invitations;
        this.accounts = accounts;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse("");
        Optional<PortalSession> session = PortalSession.current();
        if (session.isEmpty()) {
            event.forwardTo("login", QueryParameters.simple(Map.of("continue", event.getLocation().getPathWithQueryParameters())));
            return;
        }
        Paragraph explanation = new Paragraph("You were invited to join a tenant. Accept to join it as "
                + session.get().email() + ".");
        Button accept = new Button("Accept invitation", click -> accept(token));
        accept.setId("accept-invitation");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(explanation, accept);
    }

    private void accept(String token) {
        try {
            PortalSession session = PortalSession.require();
            Membership joined = invitations.accept(session.user(), token);
            TenantId tenant = new TenantId(joined.tenantId());
            session.withTenants(accounts.account(session.user()).tenants(), Optional.of(tenant)).store();
            Notices.done("You joined " + joined.tenantName() + " as " + joined.member().role() + ".");
            UI.getCurrent().navigate("team");
        } catch (ProblemException e) {
            Paragraph refused = new Paragraph(e.getMessage());
            refused.setId("accept-invitation-refused");
            refused.getStyle().set("color", "var(--lumo-error-text-color)");
            show(refused);
        }
    }
}
