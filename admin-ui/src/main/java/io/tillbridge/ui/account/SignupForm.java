package io.tillbridge.ui.account;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.EmailValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;
import com.vaadin.flow.shared.Registration;
import io.tillbridge.users.PasswordHasher;
import io.tillbridge.users.Signup;

/** The sign-up fields, checked before anything is sent; fires {@link SubmitEvent} with a valid signup. */
class SignupForm extends FormLayout {

    /** The fields as entered. */
    static final class Draft {
        private String businessName = "";
        private String name = "";
        private String email = "";
        private String password = "";

        Signup toSignup() {
            return new Signup(businessName, email, password, name, null);
        }
    }

    final TextField businessName = new TextField("Business name");
    final TextField name = new TextField("Your name");
    final EmailField email = new EmailField("Email");
    final PasswordField password = new PasswordField("Password");
    final Button submit = new Button("Create account");
    private final Binder<Draft> binder = new Binder<>();

    SignupForm() {
        businessName.setId("signup-business");
        name.setId("signup-name");
        email.setId("signup-email");
        password.setId("signup-password");
        submit.setId("signup-submit");
        password.setHelperText("12 to 256 characters");
        // The field checks the address's shape itself; without a message the browser shows only red.
        email.setI18n(new EmailField.EmailFieldI18n()
                .setRequiredErrorMessage("Enter your email address")
                .setPatternErrorMessage("Enter a valid email address, such as name@example.com"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        binder.forField(businessName).asRequired("Enter your business name")
                .withValidator(new StringLengthValidator("At most 200 characters", 1, 200))
                .bind(d -> d.businessName, (d, v) -> d.businessName = v);
        binder.forField(name).asRequired("Enter your name")
                .withValidator(new StringLengthValidator("At most 200 characters", 1, 200))
                .bind(d -> d.name, (d, v) -> d.name = v);
        binder.forField(email).asRequired("Enter your email address")
                .withValidator(new EmailValidator("Enter a valid email address"))
                .bind(d -> d.email, (d, v) -> d.email = v);
        binder.forField(password).asRequired("Choose a password")
                .withValidator(new StringLengthValidator("The password " + PasswordHasher.POLICY,
                        PasswordHasher.MIN_LENGTH, PasswordHasher.MAX_LENGTH))
                .bind(d -> d.password, (d, v) -> d.password = v);
        binder.setBean(new Draft());

        submit.addClickListener(event -> {
            if (binder.validate().isOk()) {
                fireEvent(new SubmitEvent(this, binder.getBean().toSignup()));
            }
        });
        submit.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        setResponsiveSteps(new ResponsiveStep("0", 1));
        add(businessName, name, email, password, submit);
    }

    /** Marks the email field with the service's refusal (e.g. the address has an account already). */
    void refuseEmail(String message) {
        email.setInvalid(true);
        email.setErrorMessage(message);
    }

    Registration addSubmitListener(com.vaadin.flow.component.ComponentEventListener<SubmitEvent> listener) {
        return addListener(SubmitEvent.class, listener);
    }

    static final class SubmitEvent extends ComponentEvent<SignupForm> {
        private final Signup signup;

        SubmitEvent(SignupForm source, Signup signup) {
            super(source, false);
            this.signup = signup;
        }

        Signup signup() {
            return signup;
        }
    }
}
