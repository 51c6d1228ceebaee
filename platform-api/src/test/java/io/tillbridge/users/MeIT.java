package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The signed-in user's own account: who, which tenants, name and password changes. */
@MicronautTest(transactional = false)
class MeIT extends IdentityFixture {

    private record SignedIn(String email, String accessToken, Map<String, Object> session) {
        String authorization() {
            return bearer(accessToken);
        }
    }

    private SignedIn signedIn() {
        String email = randomEmail();
        signUp(email);
        Map<String, Object> session = session(email, PASSWORD);
        return new SignedIn(email, (String) session.get("accessToken"), session);
    }

    @Test
    void me_without_a_token_answers_401() {
        HttpResponse<String> response = get("/api/v1/me");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void a_support_impersonation_token_has_no_account_here() throws Exception {
        Instant now = Instant.now();
        SignedJWT support = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString()).issuer("tillbridge").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).claim("knd", "support").claim("email", "agent@example.test")
                .claim("imp", UUID.randomUUID().toString()).claim("tid", UUID.randomUUID().toString()).build());
        support.sign(new MACSigner(TEST_JWT_SECRET.getBytes(StandardCharsets.UTF_8)));

        assertProblem(get("/api/v1/me", "Authorization", bearer(support.serialize())), 403, "forbidden");
    }

    @Test
    void me_lists_every_tenant_of_the_user_with_their_role() {
        SignedIn user = signedIn();
        Map<String, Object> second = signUp(randomEmail());
        ownerUpdate("INSERT INTO memberships (tenant_id, user_id, role) SELECT ?::uuid, id, 'viewer' FROM users WHERE email = ?",
                second.get("tenantId"), user.email());

        Map<String, Object> me = body(get("/api/v1/me", "Authorization", user.authorization()));

        List<String> roles = ((List<?>) me.get("tenants")).stream().map(t -> (String) ((Map<?, ?>) t).get("role")).toList();
        assertThat(roles).containsExactlyInAnyOrder("owner", "viewer");
    }

    @Test
    void me_answers_an_etag() {
        SignedIn user = signedIn();

        assertThat(get("/api/v1/me", "Authorization", user.authorization()).headers().firstValue("ETag"))
                .hasValue("\"1\"");
    }

    @Test
    void patch_me_changes_the_display_name() {
        SignedIn user = signedIn();

        HttpResponse<String> response = send("PATCH", "/api/v1/me", Map.of("name", "Maria Jensen-Holm"),
                "Authorization", user.authorization(), "If-Match", "\"1\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).containsEntry("name", "Maria Jensen-Holm");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void patch_me_without_if_match_answers_428() {
        SignedIn user = signedIn();

        assertProblem(send("PATCH", "/api/v1/me", Map.of("name", "Anyone"), "Authorization", user.authorization()),
                428, "precondition-required");
    }

    @Test
    void patch_me_with_a_stale_etag_answers_412() {
        SignedIn user = signedIn();
        send("PATCH", "/api/v1/me", Map.of("name", "First"), "Authorization", user.authorization(), "If-Match", "\"1\"");

        assertProblem(send("PATCH", "/api/v1/me", Map.of("name", "Second"), "Authorization", user.authorization(),
                "If-Match", "\"1\""), 412, "precondition-failed");
    }

    @Test
    void patch_me_with_a_blank_name_answers_400() {
        SignedIn user = signedIn();

        assertProblem(send("PATCH", "/api/v1/me", Map.of("name", " "), "Authorization", user.authorization(),
                "If-Match", "\"1\""), 400, "validation-failed");
    }

    @Test
    void a_rename_is_audited_with_the_names_before_and_after() {
        SignedIn user = signedIn();
        send("PATCH", "/api/v1/me", Map.of("name", "Renamed Person"), "Authorization", user.authorization(),
                "If-Match", "\"1\"");

        assertThat(ownerQuery("SELECT (before->>'name') || ' -> ' || (after->>'name') FROM audit_log a"
                + " JOIN users u ON a.target_id = u.id::text WHERE a.action = 'user.renamed' AND u.email = ?", user.email()))
                .isEqualTo("Maria Jensen -> Renamed Person");
    }

    @Test
    void changing_the_password_needs_the_current_one() {
        SignedIn user = signedIn();

        assertProblem(post("/api/v1/me/password", Map.of("currentPassword", "not my password",
                "newPassword", "a brand new passphrase"), "Authorization", user.authorization()), 403, "forbidden");
    }

    @Test
    void a_changed_password_signs_in() {
        SignedIn user = signedIn();

        HttpResponse<String> response = post("/api/v1/me/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "a brand new passphrase"), "Authorization", user.authorization());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(login(user.email(), "a brand new passphrase").statusCode()).isEqualTo(200);
    }

    @Test
    void changing_the_password_signs_out_every_session() {
        SignedIn user = signedIn();

        post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"),
                "Authorization", user.authorization());

        assertProblem(post("/api/v1/auth/refresh", Map.of("refreshToken", user.session().get("refreshToken"))),
                401, "unauthorized");
    }

    @Test
    void a_short_new_password_answers_400_naming_the_field() {
        SignedIn user = signedIn();

        HttpResponse<String> response = post("/api/v1/me/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "short"), "Authorization", user.authorization());

        assertProblem(response, 400, "validation-failed");
        assertThat(response.body()).contains("\"field\":\"newPassword\"");
    }
}
