package io.tillbridge.ui.account;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ratelimits.AnonymousLimits;
import io.tillbridge.ui.PublicPage;
import io.tillbridge.ui.Visitor;
import io.tillbridge.users.EmailVerificationService;

/** The target of the mailed verification link: {@code verify-email?token=...}. */
@Route("verify-email")
@PageTitle("Confirm your email · Tillbridge")
class VerifyEmailView extends PublicPage implements BeforeEnterObserver {

    static final String VERIFIED = "Your email address is confirmed.";

    private final EmailVerificationService verification;
    private final AnonymousLimits limits;

    VerifyEmailView(EmailVerificationService verification, AnonymousLimits limits) {
        super("Confirm your email");
        this.verification = verification;
        this.limits = limits;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse("");
        Paragraph outcome = new Paragraph();
        outcome.setId("verify-email-outcome");
        try {
            if (token.isBlank()) {
                outcome.setText("This link has no token. Open the whole link from the mail.");
            } else {
                // Tokens are guessed here as well as through the API: the same per-address limit.
                limits.require(AnonymousLimits.Kind.EMAIL_VERIFICATION, Visitor.address());
                verification.verify(token);
                outcome.setText(VERIFIED);
            }
        } catch (ProblemException e) {
            outcome.setText(e.getMessage());
        }
        Anchor signIn = new Anchor("login", "Sign in");
        signIn.setId("verify-email-sign-in");
        show(outcome, signIn);
    }
}
