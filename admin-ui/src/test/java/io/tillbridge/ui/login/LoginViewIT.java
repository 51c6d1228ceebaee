package io.tillbridge.ui.login;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LoginFormKt._login;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginViewIT {

    private static ApplicationContext context;
    private static String owner;

    @BeforeAll
    static void an_owner_with_a_tenant() {
        context = TestContexts.withConnections(java.util.Map.of("tillbridge.roles.worker", "false"));
        owner = PortalFixture.signUp(context, "Login Test Bakery");
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void openLoginPage() {
        MockPortal.setUp(context);
        UI.getCurrent().navigate("login");
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void shows_the_login_form_without_error() {
        LoginForm form = _get(LoginForm.class);

        assertThat(form.isError()).isFalse();
        assertThat(texts(form)).contains("Sign in to Tillbridge");
    }

    @Test
    void a_wrong_password_is_refused_with_the_identity_services_message_and_the_form_stays_usable() {
        LoginForm form = _get(LoginForm.class);

        _login(form, owner, "not-the-password-at-all");

        assertThat(form.isError()).isTrue();
        assertThat(texts(form)).contains("The email address or password is not correct.");
        assertThat(form.isEnabled()).isTrue();
        assertThat(PortalSession.current()).isEmpty();
    }

    @Test
    void signing_in_to_a_new_tenant_opens_the_setup_wizard_with_the_users_tenant_chosen() {
        _login(_get(LoginForm.class), owner, PortalFixture.PASSWORD);

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("get-started");
        PortalSession session = PortalSession.current().orElseThrow();
        assertThat(session.email()).isEqualTo(owner);
        assertThat(session.currentMembership().orElseThrow().name()).isEqualTo("Login Test Bakery");
    }

    @Test
    void signing_in_once_onboarding_is_finished_opens_the_home_page() {
        String live = PortalFixture.signUp(context, "Live Login Bakery");
        PortalSession session = PortalFixture.signIn(context, live);
        io.tillbridge.access.TenantScope scope = session.admit(context.getBean(io.tillbridge.access.TenantAccess.class));
        io.tillbridge.connections.ConnectionService connections = context.getBean(io.tillbridge.connections.ConnectionService.class);
        java.util.UUID till = connections.create(scope, new io.tillbridge.connections.ConnectionDraft("square", "Till",
                java.util.Map.of(), true)).id();
        context.getBean(io.tillbridge.integrations.IntegrationService.class).create(scope,
                new io.tillbridge.integrations.IntegrationDraft("Orders to stock", till, "pos.orders", till,
                        "inventory_adjustments", "live", null));
        PortalSession.clear();

        _login(_get(LoginForm.class), live, PortalFixture.PASSWORD);

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("home");
    }

    @Test
    void an_empty_email_is_refused_with_a_message_that_names_the_email_field() {
        String texts = texts(_get(LoginForm.class));

        assertThat(texts).contains("\"username\":\"Email\"", "\"username\":\"Enter your email address\"",
                "\"password\":\"Enter your password\"").doesNotContain("Username is required");
    }

    @Test
    void a_protected_page_sends_a_visitor_to_login_and_back_after_signing_in() {
        UI.getCurrent().navigate("settings");

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .isEqualTo("login?continue=settings");
        _login(_get(LoginForm.class), owner, PortalFixture.PASSWORD);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("settings");
    }

    @Test
    void only_portal_paths_are_followed_after_sign_in() {
        assertThat(LoginView.isPortalPath("accept-invitation?token=abc.def")).isTrue();
        assertThat(LoginView.isPortalPath("https://elsewhere.example/")).isFalse();
        assertThat(LoginView.isPortalPath("//elsewhere.example")).isFalse();
    }

    /** The texts the browser shows: LoginForm hands its i18n to the web component as JSON. */
    private static String texts(LoginForm form) {
        return String.valueOf(form.getElement().getPropertyRaw("i18n"));
    }
}
