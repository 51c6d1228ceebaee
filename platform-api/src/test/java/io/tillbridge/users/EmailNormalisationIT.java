package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An e-mail address has one form (trimmed, NFC, lower case): {@code " Bob@Example.com "} and
 * {@code "bob@example.com"} are the same account and the same sign-in throttle key.
 */
@MicronautTest(transactional = false)
class EmailNormalisationIT extends IdentityFixture {

    @Test
    void an_address_typed_in_mixed_case_with_spaces_is_stored_in_its_normal_form() {
        String local = "Bob-" + UUID.randomUUID().toString().substring(0, 8);

        signUp(" " + local + "@Example.COM ");

        assertThat(ownerQuery("SELECT email FROM users WHERE lower(email) = lower(?)", local + "@example.com"))
                .isEqualTo(local.toLowerCase(java.util.Locale.ROOT) + "@example.com");
    }

    @Test
    void signing_in_with_another_case_and_spaces_reaches_the_same_account() {
        String local = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        signUp(local + "@example.com");

        HttpResponse<String> response = login("  " + local.toUpperCase(java.util.Locale.ROOT) + "@EXAMPLE.com ", PASSWORD);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void signing_up_again_in_another_case_is_refused_as_the_same_address() {
        String local = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        signUp(local + "@example.com");

        HttpResponse<String> again = post("/api/v1/signup", signupBody(" " + local.toUpperCase(java.util.Locale.ROOT)
                + "@Example.com", "Second shop"));

        assertProblem(again, 409, "conflict");
    }

    @Test
    void failures_in_any_case_count_against_one_throttle_key() {
        String local = "throttle-" + UUID.randomUUID().toString().substring(0, 8);
        signUp(local + "@example.com");
        String[] spellings = {local + "@example.com", local.toUpperCase(java.util.Locale.ROOT) + "@EXAMPLE.COM",
                " " + local + "@Example.com", local + "@example.COM ", "\t" + local + "@EXAMPLE.com"};
        for (String spelling : spellings) {
            assertThat(login(spelling, "not the right password").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = login(local + "@example.com", PASSWORD);

        assertProblem(locked, 429, "rate-limited");
    }
}
