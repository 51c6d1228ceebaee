package io.tillbridge.ui.login;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * Sign-in. Accounts and authentication do not exist yet: every attempt is refused with a message that
 * says so, and the credentials are neither checked nor kept.
 */
@Route("login")
@PageTitle("Sign in · Tillbridge")
class LoginView extends VerticalLayout {

    static final String UNAVAILABLE_TITLE = "Sign-in is not available yet";
    static final String UNAVAILABLE_MESSAGE =
            "Tillbridge accounts arrive in an upcoming release. Nothing you entered was checked or stored.";

    private final LoginForm form = new LoginForm();

    LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        getStyle().set("background", "var(--lumo-contrast-5pct)");

        form.setI18n(texts());
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(event -> refuseSignIn());
        form.getStyle()
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("overflow", "hidden")
                .set("background", "var(--lumo-base-color)")
                .set("box-shadow", "var(--lumo-box-shadow-s)")
                .set("border-top", "4px solid var(--lumo-primary-color)");

        Anchor home = new Anchor("./", "Back to Tillbridge");
        home.getStyle().set("font-size", "var(--lumo-font-size-s)");
        add(form, home);
    }

    private void refuseSignIn() {
        form.setError(true);
        // LoginForm disables itself while a login event is handled; nothing is pending, so re-enable it.
        form.setEnabled(true);
    }

    private static LoginI18n texts() {
        LoginI18n texts = LoginI18n.createDefault();
        texts.getForm().setTitle("Sign in to Tillbridge");
        texts.getForm().setSubmit("Sign in");
        texts.getErrorMessage().setTitle(UNAVAILABLE_TITLE);
        texts.getErrorMessage().setMessage(UNAVAILABLE_MESSAGE);
        return texts;
    }
}
