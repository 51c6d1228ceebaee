package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.testing.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Password reset by a mailed one-time link, end to end through a real SMTP server. */
@MicronautTest(transactional = false)
class PasswordResetIT extends IdentityFixture {

    static final String NEW_PASSWORD = "a brand new passphrase";

    /** Signs up at a new address, asks for a reset, and answers the mailed token. */
    private String resetTokenFor(String email) {
        signUp(email);
        assertThat(post("/api/v1/auth/password-reset", Map.of("email", email)).statusCode()).isEqualTo(202);
        return mailedToken(email, "reset-password", 2);
    }

    private HttpResponse<String> confirm(String token, String newPassword) {
        return post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", newPassword));
    }

    @Test
    void the_mailed_link_sets_a_new_password_that_signs_in() {
        String email = randomEmail();
        String token = resetTokenFor(email);

        assertThat(confirm(token, NEW_PASSWORD).statusCode()).isEqualTo(204);

        assertThat(login(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void the_old_password_stops_working_after_a_reset() {
        String email = randomEmail();
        confirm(resetTokenFor(email), NEW_PASSWORD);

        assertProblem(login(email, PASSWORD), 401, "invalid-credentials");
    }

    @Test
    void a_reset_signs_out_every_session() {
        String email = randomEmail();
        signUp(email);
        Map<String, Object> session = session(email, PASSWORD);
        post("/api/v1/auth/password-reset", Map.of("email", email));

        confirm(mailedToken(email, "reset-password", 2), NEW_PASSWORD);

        assertProblem(post("/api/v1/auth/refresh", Map.of("refreshToken", session.get("refreshToken"))), 401, "unauthorized");
    }

    @Test
    void a_used_reset_token_is_rejected() {
        String email = randomEmail();
        String token = resetTokenFor(email);
        confirm(token, NEW_PASSWORD);

        assertProblem(confirm(token, "yet another passphrase"), 400, "invalid-token");
    }

    @Test
    void an_expired_reset_token_is_rejected() {
        String email = randomEmail();
        String token = resetTokenFor(email);
        ownerUpdate("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = ?",
                OpaqueToken.hashOf(token));

        assertProblem(confirm(token, NEW_PASSWORD), 400, "invalid-token");
    }

    @Test
    void a_reset_token_expires_after_one_hour() {
        String email = randomEmail();
        String token = resetTokenFor(email);

        Object lifetime = ownerQuery("SELECT extract(epoch FROM expires_at - created_at)::int FROM email_tokens"
                + " WHERE token_hash = ?", OpaqueToken.hashOf(token));

        assertThat(lifetime).isEqualTo((int) Duration.ofHours(1).toSeconds());
    }

    @Test
    void a_verification_token_does_not_reset_a_password() {
        String email = randomEmail();
        signUp(email);

        assertProblem(confirm(mailedToken(email, "verify-email", 1), NEW_PASSWORD), 400, "invalid-token");
    }

    @Test
    void a_short_new_password_answers_400_naming_the_field() {
        String email = randomEmail();
        String token = resetTokenFor(email);

        HttpResponse<String> response = confirm(token, "too short");

        assertProblem(response, 400, "validation-failed");
        assertThat(response.body()).contains("{\"field\":\"newPassword\",\"message\":\"" + PasswordHasher.POLICY + "\"}");
    }

    @Test
    void a_reset_for_an_unknown_email_answers_202_and_mails_nothing() {
        String email = randomEmail();

        HttpResponse<String> response = post("/api/v1/auth/password-reset", Map.of("email", email));
        Await.holdsFor(Duration.ofSeconds(1), "no mail to " + email, () -> mailsTo(email).isEmpty());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(mailsTo(email)).isEmpty();
    }

    @Test
    void a_reset_counts_as_verifying_the_email() {
        String email = randomEmail();
        confirm(resetTokenFor(email), NEW_PASSWORD);

        assertThat(ownerQuery("SELECT email_verified_at IS NOT NULL FROM users WHERE email = ?", email)).isEqualTo(true);
    }

    @Test
    void a_reset_is_audited() {
        String email = randomEmail();
        confirm(resetTokenFor(email), NEW_PASSWORD);

        assertThat(ownerQuery("SELECT count(*) FROM audit_log a JOIN users u ON a.target_id = u.id::text"
                + " WHERE a.action = 'user.password-reset' AND u.email = ?", email)).isEqualTo(1L);
    }

    @Test
    void reset_mail_to_one_address_is_limited_to_five_an_hour() {
        String email = randomEmail();
        signUp(email);
        for (int i = 0; i < 7; i++) {
            post("/api/v1/auth/password-reset", Map.of("email", email));
        }
        awaitMails(email, 6);
        Await.holdsFor(Duration.ofSeconds(1), "no seventh mail to " + email, () -> mailsTo(email).size() <= 6);

        assertThat(mailsTo(email)).hasSize(6);
    }
}
