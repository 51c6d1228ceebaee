package io.tillbridge.ui.landing;

import io.tillbridge.ui.TestContexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.ui.MockPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

class LandingViewIT {

    private ApplicationContext context;

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
        if (context != null) {
            context.close();
        }
    }

    private void openPortal(Map<String, Object> properties) {
        context = TestContexts.run(properties);
        MockPortal.setUp(context);
    }

    @Test
    void shows_the_product_name_and_the_pitch() {
        openPortal(Map.of());

        assertEquals("Tillbridge", _get(H1.class).getText());
        _assertOne(Paragraph.class, spec -> spec.withText(LandingView.PITCH));
    }

    @Test
    void sign_in_opens_the_login_page() {
        openPortal(Map.of());

        _click(_get(Button.class, spec -> spec.withText("Sign in")));

        _assertOne(LoginForm.class);
    }

    @Test
    void create_an_account_opens_the_sign_up_page() {
        openPortal(Map.of());

        _click(_get(Button.class, spec -> spec.withText("Create an account")));

        assertEquals("signup", UI.getCurrent().getInternals().getActiveViewLocation().getPath());
    }

    @Test
    void links_the_api_documentation_from_the_configured_address() {
        openPortal(Map.of("tillbridge.api.docs-url", "https://docs.tillbridge.test/api"));

        Anchor link = _get(Anchor.class, spec -> spec.withText("API documentation"));

        assertEquals("https://docs.tillbridge.test/api", link.getHref());
    }

    @Test
    void offers_no_api_documentation_link_when_none_is_configured() {
        openPortal(Map.of());

        _assertNone(Anchor.class, spec -> spec.withText("API documentation"));
    }
}
