package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Self-signup through the public API: a tenant, its settings, its owner, all or nothing. */
@MicronautTest(transactional = false)
class SignupIT extends IdentityFixture {

    @Test
    void signup_answers_201_with_the_tenant_slug_and_user() {
        String email = randomEmail();
        HttpResponse<String> response = post("/api/v1/signup", signupBody(email, "Harbour Coffee " + UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(201);
        Map<String, Object> body = body(response);
        assertThat(body).containsKeys("tenantId", "slug", "userId");
        assertThat(ownerQuery("SELECT role FROM memberships WHERE tenant_id = ?::uuid AND user_id = ?::uuid",
                body.get("tenantId"), body.get("userId"))).isEqualTo("owner");
    }

    @Test
    void the_slug_is_derived_from_the_business_name_and_made_unique() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Café Zoë & Sons " + suffix;
        Map<String, Object> first = body(post("/api/v1/signup", signupBody(randomEmail(), name)));
        Map<String, Object> second = body(post("/api/v1/signup", signupBody(randomEmail(), name)));

        String expected = "cafe-zoe-sons-" + suffix;
        assertThat(first.get("slug")).isEqualTo(expected);
        assertThat(second.get("slug")).isEqualTo(expected + "-2");
    }

    @Test
    void the_tenant_settings_hold_the_business_name_and_default_currency() {
        String name = "Corner Bakery " + UUID.randomUUID();
        Map<String, Object> body = body(post("/api/v1/signup", signupBody(randomEmail(), name)));

        assertThat(ownerQueryInTenant(body.get("tenantId"),
                "SELECT business_name || ' ' || currency FROM tenant_settings WHERE tenant_id = ?::uuid",
                body.get("tenantId"))).isEqualTo(name + " USD");
    }

    @Test
    void the_currency_can_be_chosen_at_signup() {
        Map<String, Object> request = signupBody(randomEmail(), "Boulangerie " + UUID.randomUUID());
        request.put("currency", "EUR");
        Map<String, Object> body = body(post("/api/v1/signup", request));

        assertThat(ownerQueryInTenant(body.get("tenantId"),
                "SELECT currency FROM tenant_settings WHERE tenant_id = ?::uuid", body.get("tenantId"))).isEqualTo("EUR");
    }

    @Test
    void the_new_user_email_is_not_verified_yet() {
        Map<String, Object> body = signUp(randomEmail());

        assertThat(ownerQuery("SELECT email_verified_at IS NULL FROM users WHERE id = ?::uuid", body.get("userId")))
                .isEqualTo(true);
    }

    @Test
    void signup_is_audited_in_the_new_tenant() {
        Map<String, Object> body = signUp(randomEmail());

        assertThat(ownerQuery("SELECT actor_id FROM audit_log WHERE tenant_id = ?::uuid AND action = 'tenant.signed-up'",
                body.get("tenantId"))).isEqualTo(body.get("userId"));
    }

    @Test
    void an_email_registered_already_answers_409_whatever_its_case() {
        String email = randomEmail();
        signUp(email);

        HttpResponse<String> again = post("/api/v1/signup", signupBody(email.toUpperCase(), "Other " + UUID.randomUUID()));

        assertProblem(again, 409, "conflict");
        assertThat(body(again).get("detail")).isEqualTo(SignupService.EMAIL_TAKEN);
    }

    @Test
    void a_refused_signup_leaves_no_tenant_behind() {
        String email = randomEmail();
        signUp(email);
        String name = "Never Created " + UUID.randomUUID();

        post("/api/v1/signup", signupBody(email, name));

        assertThat(ownerQuery("SELECT count(*) FROM tenants WHERE name = ?", name)).isEqualTo(0L);
    }

    @Test
    void a_password_shorter_than_12_characters_answers_400_naming_the_field() {
        Map<String, Object> request = signupBody(randomEmail(), "Short " + UUID.randomUUID());
        request.put("password", "elevenchars");

        HttpResponse<String> response = post("/api/v1/signup", request);

        assertProblem(response, 400, "validation-failed");
        assertThat(response.body()).contains("{\"field\":\"password\",\"message\":\"" + PasswordHasher.POLICY + "\"}");
    }

    @Test
    void a_missing_business_name_answers_400_naming_the_field() {
        Map<String, Object> request = signupBody(randomEmail(), null);
        request.remove("businessName");

        HttpResponse<String> response = post("/api/v1/signup", request);

        assertProblem(response, 400, "validation-failed");
        assertThat(response.body()).contains("\"field\":\"businessName\"");
    }

    @Test
    void the_same_idempotency_key_and_body_replay_the_first_answer_without_a_second_tenant() {
        String name = "Replayed " + UUID.randomUUID();
        Map<String, Object> request = signupBody(randomEmail(), name);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = post("/api/v1/signup", request, "Idempotency-Key", key);
        HttpResponse<String> second = post("/api/v1/signup", request, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(body(second)).isEqualTo(body(first));
        assertThat(ownerQuery("SELECT count(*) FROM tenants WHERE name = ?", name)).isEqualTo(1L);
    }

    @Test
    void the_same_idempotency_key_with_another_body_answers_422() {
        String key = UUID.randomUUID().toString();
        post("/api/v1/signup", signupBody(randomEmail(), "First " + UUID.randomUUID()), "Idempotency-Key", key);

        HttpResponse<String> other = post("/api/v1/signup", signupBody(randomEmail(), "Second " + UUID.randomUUID()),
                "Idempotency-Key", key);

        assertProblem(other, 422, "idempotency-key-reused");
    }

    @Test
    void the_same_idempotency_key_with_another_password_answers_422() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = signupBody(randomEmail(), "Password Changed " + UUID.randomUUID());
        post("/api/v1/signup", request, "Idempotency-Key", key);
        request.put("password", "a different passphrase");

        assertProblem(post("/api/v1/signup", request, "Idempotency-Key", key), 422, "idempotency-key-reused");
    }

    @Test
    void the_idempotency_record_holds_no_fast_hash_of_the_request_with_its_password() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = signupBody(randomEmail(), "Stored Safely " + UUID.randomUUID());
        post("/api/v1/signup", request, "Idempotency-Key", key);

        Map<String, Object> withCurrency = new java.util.LinkedHashMap<>(request);
        withCurrency.put("currency", null);
        byte[] stored = (byte[]) ownerQuery("SELECT request_hash FROM idempotency_records WHERE key = ?", key);
        assertThat(stored).isNotNull()
                .isNotEqualTo(sha256(json.writeValueAsBytes(request)))
                .isNotEqualTo(sha256(json.writeValueAsBytes(withCurrency)));
    }

    private static byte[] sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    }

}
