package io.tillbridge.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignupFormTest {

    @Test
    void the_email_field_says_what_is_wrong_when_the_browser_refuses_an_address() {
        SignupForm form = new SignupForm();

        assertThat(form.email.getI18n().getPatternErrorMessage()).isEqualTo("Enter a valid email address, such as name@example.com");
        assertThat(form.email.getI18n().getRequiredErrorMessage()).isEqualTo("Enter your email address");
    }
}
