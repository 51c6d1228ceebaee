package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Sign out everywhere" revokes every refresh token of the user and moves the user's session
 * revocation time, which ends their portal sessions; a password change moves it too.
 */
@MicronautTest(transactional = false)
class SignOutEverywhereIT extends IdentityFixture {

    @Test
    void signing_out_everywhere_revokes_every_refresh_token_of_the_user() {
        String email = randomEmail();
        signUp(email);
        Map<String, Object> laptop = session(email, PASSWORD);
        Map<String, Object> phone = session(email, PASSWORD);

        HttpResponse<String> response = post("/api/v1/me/sign-out-everywhere", Map.of(),
                "Authorization", bearer((String) laptop.get("accessToken")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        for (Map<String, Object> session : new Map[] {laptop, phone}) {
            HttpResponse<String> refreshed = post("/api/v1/auth/refresh", Map.of("refreshToken", session.get("refreshToken")));
            assertProblem(refreshed, 401, "unauthorized");
        }
        assertThat(ownerQuery("SELECT sessions_revoked_at IS NOT NULL FROM users WHERE email = ?", email)).isEqualTo(true);
        assertThat(ownerQuery("SELECT count(*) FROM audit_log WHERE action = 'user.signed-out-everywhere'"
                + " AND actor_id = (SELECT id::text FROM users WHERE email = ?)", email)).isEqualTo(1L);
    }

    @Test
    void a_password_change_moves_the_session_revocation_time() {
        String email = randomEmail();
        signUp(email);
        Map<String, Object> session = session(email, PASSWORD);

        HttpResponse<String> changed = post("/api/v1/me/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "a completely new password"), "Authorization", bearer((String) session.get("accessToken")));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(ownerQuery("SELECT sessions_revoked_at IS NOT NULL FROM users WHERE email = ?", email)).isEqualTo(true);
    }

    @Test
    void only_a_signed_in_person_can_sign_out_everywhere() {
        HttpResponse<String> response = post("/api/v1/me/sign-out-everywhere", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
