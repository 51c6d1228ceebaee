package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refresh tokens: rotation on every use, reuse detection, expiry, sign-out. */
@MicronautTest(transactional = false)
class SessionsIT extends IdentityFixture {

    private String signedUpEmail() {
        String email = randomEmail();
        signUp(email);
        return email;
    }

    private HttpResponse<String> refresh(Object refreshToken) {
        return post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    @Test
    void refresh_answers_a_new_access_token_and_a_new_refresh_token() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);

        HttpResponse<String> response = refresh(session.get("refreshToken"));

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> renewed = body(response);
        assertThat(renewed.get("refreshToken")).isNotNull().isNotEqualTo(session.get("refreshToken"));
        assertThat(get("/api/v1/me", "Authorization", bearer((String) renewed.get("accessToken"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void the_new_refresh_token_works_in_turn() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);
        Map<String, Object> renewed = body(refresh(session.get("refreshToken")));

        assertThat(refresh(renewed.get("refreshToken")).statusCode()).isEqualTo(200);
    }

    @Test
    void a_rotated_refresh_token_used_again_answers_401() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);
        refresh(session.get("refreshToken"));

        assertProblem(refresh(session.get("refreshToken")), 401, "unauthorized");
    }

    @Test
    void reusing_a_rotated_refresh_token_revokes_the_whole_family() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);
        Map<String, Object> renewed = body(refresh(session.get("refreshToken")));

        refresh(session.get("refreshToken"));

        assertProblem(refresh(renewed.get("refreshToken")), 401, "unauthorized");
    }

    @Test
    void reuse_revokes_only_that_session_not_the_users_other_sessions() {
        String email = signedUpEmail();
        Map<String, Object> stolen = session(email, PASSWORD);
        Map<String, Object> other = session(email, PASSWORD);
        refresh(stolen.get("refreshToken"));

        refresh(stolen.get("refreshToken"));

        assertThat(refresh(other.get("refreshToken")).statusCode()).isEqualTo(200);
    }

    @Test
    void reuse_of_a_refresh_token_is_audited() {
        String email = signedUpEmail();
        Map<String, Object> session = session(email, PASSWORD);
        String userId = (String) ((Map<?, ?>) session.get("user")).get("id");
        refresh(session.get("refreshToken"));

        refresh(session.get("refreshToken"));

        assertThat(ownerQuery("SELECT count(*) FROM audit_log WHERE action = 'security.refresh-token-reused'"
                + " AND target_id = ?", userId)).isEqualTo(1L);
    }

    @Test
    void logout_answers_204_and_the_refresh_token_stops_working() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);

        HttpResponse<String> logout = post("/api/v1/auth/logout", Map.of("refreshToken", session.get("refreshToken")));

        assertThat(logout.statusCode()).isEqualTo(204);
        assertProblem(refresh(session.get("refreshToken")), 401, "unauthorized");
    }

    @Test
    void logout_with_an_unknown_token_answers_204() {
        assertThat(post("/api/v1/auth/logout", Map.of("refreshToken", "never-issued")).statusCode()).isEqualTo(204);
    }

    @Test
    void an_expired_refresh_token_answers_401() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);
        ownerUpdate("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = ?",
                OpaqueToken.hashOf((String) session.get("refreshToken")));

        assertProblem(refresh(session.get("refreshToken")), 401, "unauthorized");
    }

    @Test
    void refresh_tokens_expire_after_30_days() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);

        Object days = ownerQuery("SELECT extract(epoch FROM expires_at - created_at)::int / 86400 FROM refresh_tokens"
                + " WHERE token_hash = ?", OpaqueToken.hashOf((String) session.get("refreshToken")));

        assertThat(days).isEqualTo(30);
    }

    @Test
    void an_unknown_refresh_token_answers_401() {
        assertProblem(refresh("never-issued"), 401, "unauthorized");
    }

    @Test
    void only_a_hash_of_the_refresh_token_is_stored() {
        Map<String, Object> session = session(signedUpEmail(), PASSWORD);
        String token = (String) session.get("refreshToken");

        assertThat(ownerQuery("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", OpaqueToken.hashOf(token)))
                .isEqualTo(1L);
        assertThat(ownerQuery("SELECT count(*) FROM refresh_tokens WHERE encode(token_hash, 'escape') LIKE ?",
                "%" + token + "%")).isEqualTo(0L);
    }
}
