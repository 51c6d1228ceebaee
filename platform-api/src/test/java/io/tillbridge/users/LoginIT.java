package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.password4j.Argon2Function;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Sign-in with email and password: tokens, one generic refusal, throttling. */
@MicronautTest(transactional = false)
class LoginIT extends IdentityFixture {

    @Test
    void signing_in_answers_tokens_the_user_and_their_tenants() {
        String email = randomEmail();
        Map<String, Object> signup = signUp(email);

        Map<String, Object> session = session(email, PASSWORD);

        assertThat(session).containsEntry("tokenType", "Bearer").containsKeys("accessToken", "refreshToken");
        assertThat(((Number) session.get("expiresIn")).longValue()).isBetween(890L, 900L);
        assertThat(session.get("user")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("id", signup.get("userId")).containsEntry("email", email)
                .containsEntry("name", "Maria Jensen").containsEntry("emailVerified", false);
        assertThat(session.get("tenants")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement()
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("id", signup.get("tenantId")).containsEntry("slug", signup.get("slug"))
                .containsEntry("role", "owner");
    }

    @Test
    void the_email_is_matched_without_regard_to_case() {
        String email = randomEmail();
        signUp(email);

        assertThat(login(email.toUpperCase(), PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void the_access_token_opens_the_api() {
        String email = randomEmail();
        signUp(email);
        String accessToken = (String) session(email, PASSWORD).get("accessToken");

        assertThat(get("/api/v1/me", "Authorization", bearer(accessToken)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_password_answers_401_with_the_generic_message() {
        String email = randomEmail();
        signUp(email);

        HttpResponse<String> response = login(email, "not the password at all");

        assertProblem(response, 401, "invalid-credentials");
        assertThat(body(response).get("detail")).isEqualTo(SessionService.WRONG_CREDENTIALS);
    }

    @Test
    void an_unknown_email_answers_exactly_as_a_wrong_password() {
        String known = randomEmail();
        signUp(known);

        HttpResponse<String> unknown = login(randomEmail(), PASSWORD);
        HttpResponse<String> wrong = login(known, "not the password at all");

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode());
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void five_failures_lock_the_email_with_429_and_retry_after() {
        String email = randomEmail();
        signUp(email);
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "wrong password " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = login(email, PASSWORD);

        assertProblem(locked, 429, "rate-limited");
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(890L, 900L));
    }

    @Test
    void four_failures_do_not_lock_the_email() {
        String email = randomEmail();
        signUp(email);
        for (int i = 0; i < 4; i++) {
            login(email, "wrong password " + i);
        }

        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void a_locked_email_does_not_lock_another_email() {
        String locked = randomEmail();
        String other = randomEmail();
        signUp(other);
        for (int i = 0; i < 5; i++) {
            login(locked, "wrong password " + i);
        }

        assertThat(login(other, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void the_stored_password_is_an_argon2id_hash_that_verifies() {
        String email = randomEmail();
        signUp(email);

        String hash = (String) ownerQuery("SELECT password_hash FROM users WHERE email = ?", email);

        assertThat(hash).startsWith("$argon2id$v=19$m=" + PasswordHasher.MEMORY_KIB + ",t="
                + PasswordHasher.ITERATIONS + ",p=" + PasswordHasher.PARALLELISM + "$");
        assertThat(Argon2Function.getInstanceFromHash(hash).check(PASSWORD, hash)).isTrue();
    }

    @Test
    void a_support_user_gets_the_platform_role_in_the_access_token_and_the_session() throws Exception {
        String email = randomEmail();
        signUp(email);
        ownerUpdate("UPDATE users SET platform_role = 'support' WHERE email = ?", email);

        Map<String, Object> session = session(email, PASSWORD);

        assertThat(SignedJWT.parse((String) session.get("accessToken")).getJWTClaimsSet().getClaim("prole"))
                .isEqualTo("support");
        assertThat(session.get("user")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("platformRole", "support");
    }

    @Test
    void the_access_token_names_the_user_and_is_issued_by_tillbridge() throws Exception {
        String email = randomEmail();
        Map<String, Object> signup = signUp(email);

        var claims = SignedJWT.parse((String) session(email, PASSWORD).get("accessToken")).getJWTClaimsSet();

        assertThat(claims.getSubject()).isEqualTo(signup.get("userId"));
        assertThat(claims.getIssuer()).isEqualTo("tillbridge");
        assertThat(claims.getClaim("email")).isEqualTo(email);
    }

    @Test
    void a_login_without_a_password_answers_400_naming_the_field() {
        HttpResponse<String> response = post("/api/v1/auth/login", Map.of("email", randomEmail()));

        assertProblem(response, 400, "validation-failed");
        assertThat(body(response).get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .extracting(e -> ((Map<?, ?>) e).get("field")).isEqualTo(List.of("password"));
    }
}
