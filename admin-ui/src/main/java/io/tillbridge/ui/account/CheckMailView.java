package io.tillbridge.ui.account;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tillbridge.ui.PublicPage;
import java.util.Map;

/** After signing up: the verification link is on its way. */
@Route("signup/check-your-mail")
@PageTitle("Check your mail · Tillbridge")
class CheckMailView extends PublicPage implements BeforeEnterObserver {

    CheckMailView() {
        super("Check your mail");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String email = query.getSingleParameter("email").orElse("your email address");
        String next = query.getSingleParameter("continue").orElse("");
        Paragraph sent = new Paragraph("Your account is ready. We sent a link to " + email
                + " to confirm your address; it works for 24 hours.");
        sent.setId("check-mail-text");
        Anchor signIn = new Anchor(next.isEmpty() ? "login"
                : "login?" + QueryParameters.simple(Map.of("continue", next)).getQueryString(), "Sign in");
        signIn.setId("check-mail-sign-in");
        show(sent, new Paragraph("You can sign in right away."), signIn);
    }
}
