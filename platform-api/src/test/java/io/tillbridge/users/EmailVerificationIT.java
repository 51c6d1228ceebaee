package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.testing.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Email verification by a mailed link, received by a real SMTP server. */
@MicronautTest(transactional = false)
class EmailVerificationIT extends IdentityFixture {

    static final String PORTAL = "https://portal.tillbridge.test";

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("tillbridge.portal.url", PORTAL + "/");
    }

    @Test
    void a_new_owner_follows_the_mailed_link_signs_in_and_sees_their_tenant() {
        String email = randomEmail();
        Map<String, Object> signup = signUp(email);

        String token = mailedToken(email, "verify-email", 1);
        assertThat(post("/api/v1/auth/verify-email", Map.of("token", token)).statusCode()).isEqualTo(204);
        Map<String, Object> session = session(email, PASSWORD);
        HttpResponse<String> me = get("/api/v1/me", "Authorization", bearer((String) session.get("accessToken")));

        assertThat(me.statusCode()).isEqualTo(200);
        Map<String, Object> body = body(me);
        assertThat(body).containsEntry("id", signup.get("userId")).containsEntry("email", email)
                .containsEntry("emailVerified", true);
        assertThat(body.get("tenants")).isEqualTo(List.of(Map.of("id", signup.get("tenantId"), "slug", signup.get("slug"),
                "name", ownerQuery("SELECT name FROM tenants WHERE id = ?::uuid", signup.get("tenantId")),
                "role", "owner", "status", "active")));
    }

    @Test
    void the_verification_link_points_at_the_configured_portal() {
        String email = randomEmail();
        signUp(email);

        String text = awaitMails(email, 1).get(0);

        assertThat(text).contains(PORTAL + "/verify-email?token=");
    }

    @Test
    void only_a_hash_of_the_verification_token_is_stored() throws Exception {
        String email = randomEmail();
        Map<String, Object> signup = signUp(email);
        String token = mailedToken(email, "verify-email", 1);

        Object stored = ownerQuery("SELECT token_hash FROM email_tokens WHERE user_id = ?::uuid AND purpose = 'verify-email'",
                signup.get("userId"));

        assertThat(HexFormat.of().formatHex((byte[]) stored))
                .isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void the_verification_token_is_32_random_bytes_in_url_safe_base64() {
        String email = randomEmail();
        signUp(email);

        assertThat(mailedToken(email, "verify-email", 1)).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void a_user_who_has_not_verified_can_sign_in_and_is_told_so() {
        String email = randomEmail();
        signUp(email);

        Map<String, Object> session = session(email, PASSWORD);

        assertThat(session.get("user")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("emailVerified", false);
    }

    @Test
    void a_used_verification_token_is_rejected() {
        String email = randomEmail();
        signUp(email);
        String token = mailedToken(email, "verify-email", 1);
        post("/api/v1/auth/verify-email", Map.of("token", token));

        assertProblem(post("/api/v1/auth/verify-email", Map.of("token", token)), 400, "invalid-token");
    }

    @Test
    void an_expired_verification_token_is_rejected() {
        String email = randomEmail();
        Map<String, Object> signup = signUp(email);
        String token = mailedToken(email, "verify-email", 1);
        ownerUpdate("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ?::uuid",
                signup.get("userId"));

        assertProblem(post("/api/v1/auth/verify-email", Map.of("token", token)), 400, "invalid-token");
    }

    @Test
    void a_verification_token_expires_after_24_hours() {
        String email = randomEmail();
        Map<String, Object> signup = signUp(email);

        Object lifetime = ownerQuery("SELECT extract(epoch FROM expires_at - created_at)::int FROM email_tokens"
                + " WHERE user_id = ?::uuid AND purpose = 'verify-email'", signup.get("userId"));

        assertThat(lifetime).isEqualTo((int) Duration.ofHours(24).toSeconds());
    }

    @Test
    void an_unknown_verification_token_is_rejected() {
        assertProblem(post("/api/v1/auth/verify-email", Map.of("token", "not-a-token-we-issued")), 400, "invalid-token");
    }

    @Test
    void a_password_reset_token_does_not_verify_an_email() {
        String email = randomEmail();
        signUp(email);
        post("/api/v1/auth/password-reset", Map.of("email", email));
        String resetToken = mailedToken(email, "reset-password", 2);

        assertProblem(post("/api/v1/auth/verify-email", Map.of("token", resetToken)), 400, "invalid-token");
    }

    @Test
    void resend_mails_a_new_link_that_verifies() {
        String email = randomEmail();
        signUp(email);
        awaitMails(email, 1);

        HttpResponse<String> resend = post("/api/v1/auth/verify-email/resend", Map.of("email", email));
        String token = mailedToken(email, "verify-email", 2);

        assertThat(resend.statusCode()).isEqualTo(202);
        assertThat(post("/api/v1/auth/verify-email", Map.of("token", token)).statusCode()).isEqualTo(204);
    }

    @Test
    void resend_for_an_unknown_email_answers_202_and_mails_nothing() {
        String email = randomEmail();

        HttpResponse<String> resend = post("/api/v1/auth/verify-email/resend", Map.of("email", email));
        Await.holdsFor(Duration.ofSeconds(1), "no mail to " + email, () -> mailsTo(email).isEmpty());

        assertThat(resend.statusCode()).isEqualTo(202);
        assertThat(mailsTo(email)).isEmpty();
    }

    @Test
    void resend_for_a_verified_email_mails_nothing() {
        String email = randomEmail();
        signUp(email);
        post("/api/v1/auth/verify-email", Map.of("token", mailedToken(email, "verify-email", 1)));

        post("/api/v1/auth/verify-email/resend", Map.of("email", email));
        Await.holdsFor(Duration.ofSeconds(1), "no second mail to " + email, () -> mailsTo(email).size() <= 1);

        assertThat(mailsTo(email)).hasSize(1);
    }

    @Test
    void verifying_is_audited() {
        String email = randomEmail();
        Map<String, Object> signup = signUp(email);

        post("/api/v1/auth/verify-email", Map.of("token", mailedToken(email, "verify-email", 1)));

        assertThat(ownerQuery("SELECT count(*) FROM audit_log WHERE action = 'user.email-verified' AND target_id = ?",
                signup.get("userId"))).isEqualTo(1L);
    }
}
