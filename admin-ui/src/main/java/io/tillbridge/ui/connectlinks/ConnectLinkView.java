package io.tillbridge.ui.connectlinks;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Caller;
import io.tillbridge.connectlinks.ConnectLinkConsent;
import io.tillbridge.connectlinks.ConnectLinks;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.PublicPage;
import java.net.URI;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The page a partner's connect link opens ({@code connect-link/<token>}, DD-030). A visitor who is
 * not signed in is sent to sign in (or to create an account from there) and comes back. A member
 * who may add connections sees which partner asks to connect which system for which tenant, with
 * which access, and approves (on to the vendor's consent page; the vendor sends the browser back
 * through the API to the partner) or declines (straight back to the partner). Anyone else sees in
 * words why the link cannot be used.
 */
@Route("connect-link/:token")
@PageTitle("Connect a system · Tillbridge")
class ConnectLinkView extends PublicPage implements BeforeEnterObserver {

    static final String USED = "This connect link was already used. If you still need to connect, ask the partner"
            + " for a new link.";
    static final String EXPIRED = "This connect link has expired. Ask the partner for a new link.";
    static final String UNKNOWN = "This connect link is not known. Check that you opened the whole link, or ask the"
            + " partner for a new one.";
    static final String WITHDRAWN = "The partner's access to this tenant was revoked, so it cannot connect anything"
            + " any more.";

    private final ConnectLinks links;
    final Paragraph request = new Paragraph();
    final Paragraph outcome = new Paragraph();
    final Button approve = new Button("Approve");
    final Button decline = new Button("Decline");
    private String token = "";

    ConnectLinkView(ConnectLinks links) {
        super("Connect a system");
        this.links = links;
        request.setId("connect-link-request");
        outcome.setId("connect-link-outcome");
        approve.setId("connect-link-approve");
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        approve.addClickListener(event -> leave(links::approve));
        decline.setId("connect-link-decline");
        decline.addClickListener(event -> leave(links::decline));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
        if (PortalSession.current().isEmpty()) {
            event.forwardTo("login", QueryParameters.simple(Map.of("continue", "connect-link/" + token)));
            return;
        }
        show(links.open(PortalSession.require().user(), token));
    }

    private void show(ConnectLinkConsent consent) {
        if (consent.outcome() == ConnectLinkConsent.Outcome.READY) {
            setHeading("Connect " + consent.connectorName());
            request.setText(consent.partnerName() + " asks to connect your " + consent.connectorName()
                    + " to Tillbridge for " + consent.tenantName() + ", with access: "
                    + (consent.scopes().isEmpty() ? "what the app was registered with" : String.join(", ", consent.scopes()))
                    + ".");
            Paragraph sandbox = new Paragraph(consent.sandbox() ? "This connects the " + consent.connectorName()
                    + " sandbox that ships with Tillbridge: sample data, no real account." : "");
            sandbox.setVisible(consent.sandbox());
            outcome.setText("");
            show(request, sandbox, outcome, new HorizontalLayout(approve, decline));
            return;
        }
        setHeading("This link cannot be used");
        outcome.setText(switch (consent.outcome()) {
            case USED -> USED;
            case EXPIRED -> EXPIRED;
            case WITHDRAWN -> WITHDRAWN;
            case NOT_ALLOWED -> "You are signed in as " + PortalSession.require().email() + ", who cannot add"
                    + " connections to the tenant this link is for. Sign in as its owner or an admin, or ask one"
                    + " of them to invite you.";
            default -> UNKNOWN;
        });
        Anchor home = new Anchor("home", "Go to your Tillbridge home");
        show(outcome, home);
    }

    /** Approve or decline: the browser leaves for the vendor or the partner; a refusal is shown in words. */
    private void leave(BiFunction<Caller.User, String, URI> action) {
        try {
            URI next = action.apply(PortalSession.require().user(), token);
            approve.setEnabled(false);
            decline.setEnabled(false);
            UI.getCurrent().getPage().setLocation(next);
        } catch (ProblemException e) {
            show(links.open(PortalSession.require().user(), token));
            if (outcome.getText().isEmpty()) {
                outcome.setText(e.getMessage());
            }
        }
    }
}
