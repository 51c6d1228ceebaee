package io.tillbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void white_space_and_case_do_not_make_another_address() {
        assertThat(EmailAddress.normalise(" Bob@Example.com ")).isEqualTo("bob@example.com");
        assertThat(EmailAddress.normalise("\tBOB@EXAMPLE.COM\u2003")).isEqualTo("bob@example.com");
    }

    @Test
    void a_decomposed_accent_is_the_same_address_as_a_composed_one() {
        String decomposed = "Rene\u0301@example.com";
        String composed = "ren\u00e9@example.com";

        assertThat(EmailAddress.normalise(decomposed)).isEqualTo(composed);
    }

    @Test
    void lower_case_does_not_depend_on_the_default_locale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertThat(EmailAddress.normalise("INFO@EXAMPLE.COM")).isEqualTo("info@example.com");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
