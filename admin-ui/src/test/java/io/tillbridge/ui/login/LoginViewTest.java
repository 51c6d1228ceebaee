package io.tillbridge.ui.login;

import io.tillbridge.ui.TestContexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LoginFormKt._login;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.ui.MockPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginViewTest {

    private ApplicationContext context;

    @BeforeEach
    void openLoginPage() {
        context = TestContexts.run();
        MockPortal.setUp(context);
        UI.getCurrent().navigate("login");
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
        context.close();
    }

    @Test
    void shows_the_login_form_without_error() {
        LoginForm form = _get(LoginForm.class);

        assertFalse(form.isError());
        assertTrue(texts(form).contains("Sign in to Tillbridge"), texts(form));
    }

    @Test
    void a_sign_in_attempt_is_refused_with_a_message_that_sign_in_is_not_available_yet() {
        LoginForm form = _get(LoginForm.class);

        _login(form, "owner@example.test", "secret");

        assertTrue(form.isError());
        assertTrue(texts(form).contains(LoginView.UNAVAILABLE_TITLE), texts(form));
        assertTrue(texts(form).contains(LoginView.UNAVAILABLE_MESSAGE), texts(form));
    }

    @Test
    void the_form_can_be_submitted_again_after_a_refused_attempt() {
        LoginForm form = _get(LoginForm.class);

        _login(form, "owner@example.test", "secret");

        assertTrue(form.isEnabled());
    }

    /** The texts the browser shows: LoginForm hands its i18n to the web component as JSON. */
    private static String texts(LoginForm form) {
        return String.valueOf(form.getElement().getPropertyRaw("i18n"));
    }
}
