package io.tillbridge.ui.account;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ratelimits.AnonymousLimits;
import io.tillbridge.ui.PublicPage;
import io.tillbridge.ui.Visitor;
import io.tillbridge.users.PasswordHasher;
import io.tillbridge.users.PasswordResetService;

/**
 * Password reset: without a token, ask for the link by mail; with the mailed token
 * ({@code reset-password?token=...}), choose a new password.
 */
@Route("reset-password")
@PageTitle("Reset your password · Tillbridge")
class ResetPasswordView extends PublicPage implements BeforeEnterObserver {

    static final String REQUESTED = "If an account has this address, a link to reset its password is on its way."
            + " It works for 1 hour.";
    static final String CHANGED = "Your password is changed. Sign in with the new one.";

    private final PasswordResetService resets;
    private final AnonymousLimits limits;

    ResetPasswordView(PasswordResetService resets, AnonymousLimits limits) {
        super("Reset your password");
        this.limits = limits;
        this.resets = resets;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("token")
                .filter(token -> !token.isBlank())
                .ifPresentOrElse(this::showNewPassword, this::showRequest);
    }

    private void showRequest() {
        EmailField email = new EmailField("Email");
        email.setId("reset-email");
        email.setWidthFull();
        Button send = new Button("Send me a link", event -> {
            if (email.isEmpty() || email.isInvalid()) {
                email.setInvalid(true);
                email.setErrorMessage("Enter the email address you sign in with");
                return;
            }
            try {
                limits.require(AnonymousLimits.Kind.PASSWORD_RESET, Visitor.address());
            } catch (ProblemException e) {
                email.setInvalid(true);
                email.setErrorMessage(e.getMessage());
                return;
            }
            resets.request(email.getValue().trim());
            Paragraph sent = new Paragraph(REQUESTED);
            sent.setId("reset-outcome");
            show(sent, new Anchor("login", "Back to sign-in"));
        });
        send.setId("reset-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickShortcut(Key.ENTER);
        show(new Paragraph("We will mail you a link to choose a new password."), email, send);
    }

    private void showNewPassword(String token) {
        PasswordField password = new PasswordField("New password");
        password.setId("reset-password");
        password.setHelperText("12 to 256 characters");
        password.setWidthFull();
        Button save = new Button("Set password", event -> {
            String value = password.getValue();
            if (value.length() < PasswordHasher.MIN_LENGTH || value.length() > PasswordHasher.MAX_LENGTH) {
                password.setInvalid(true);
                password.setErrorMessage("The password " + PasswordHasher.POLICY);
                return;
            }
            try {
                limits.require(AnonymousLimits.Kind.PASSWORD_RESET, Visitor.address());
                resets.confirm(token, value);
                Paragraph done = new Paragraph(CHANGED);
                done.setId("reset-outcome");
                show(done, new Anchor("login", "Sign in"));
            } catch (ProblemException e) {
                password.setInvalid(true);
                password.setErrorMessage(e.getMessage());
            }
        });
        save.setId("reset-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        show(new Paragraph("Choose a new password. Every other session of your account is signed out."), password, save);
    }
}
