package io.tillbridge.ui.account;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.TestContexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verification page guesses tokens anonymously, so it shares the API's per-address limit. */
class VerifyEmailViewIT {

    private static ApplicationContext context;

    @BeforeAll
    static void a_context_with_a_small_verification_limit() {
        context = TestContexts.run(Map.of(
                "tillbridge.rate-limits.anonymous.enabled", true,
                "tillbridge.rate-limits.anonymous.email-verification-per-minute", 3));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void setUp() {
        MockPortal.setUp(context);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void guessing_tokens_is_refused_once_the_addresses_verification_limit_is_spent() {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UI.getCurrent().navigate("verify-email", QueryParameters.of("token", "guess-" + i));
            outcomes.add(_get(Paragraph.class, spec -> spec.withId("verify-email-outcome")).getText());
        }

        assertThat(outcomes.subList(0, 3)).allSatisfy(text -> assertThat(text).doesNotContain("Too many"));
        assertThat(outcomes.subList(3, 5)).allSatisfy(text -> assertThat(text).startsWith("Too many attempts"));
    }
}
