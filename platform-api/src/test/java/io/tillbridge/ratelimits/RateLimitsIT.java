package io.tillbridge.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.partners.PartnerFixtures;
import io.tillbridge.partners.PartnerFixtures.Person;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rate limits over real HTTP, with a tiny plan: 3 requests per minute per key in a tenant and 5
 * per tenant. Tenants on the tiny plan are made for each test, so that tests share no bucket.
 */
@MicronautTest(transactional = false)
class RateLimitsIT extends TestDatabaseProperties {

    private static final int PER_KEY = 3;
    private static final int PER_TENANT = 5;

    @Inject
    ApiClient api;

    @Inject
    PartnerFixtures fixtures;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", "-1",
                "tillbridge.rate-limits.plans.tiny.per-key-per-minute", String.valueOf(PER_KEY),
                "tillbridge.rate-limits.plans.tiny.per-tenant-per-minute", String.valueOf(PER_TENANT));
    }

    /** A tiny-plan tenant that granted {@code partner} access. */
    private UUID tinyTenantGrantedTo(UUID partner) {
        UUID tenant = fixtures.tenant("tiny");
        fixtures.grant(tenant, partner);
        return tenant;
    }

    private Response call(UUID tenant, String credential) {
        return fixtures.get("/api/v1/tenants/" + tenant + "/partner-grants", credential);
    }

    private void spend(UUID tenant, String credential, int calls) {
        for (int i = 0; i < calls; i++) {
            assertThat(call(tenant, credential).status()).as("call %d", i + 1).isEqualTo(200);
        }
    }

    @Test
    void the_call_after_the_per_key_quota_answers_429_with_retry_after_and_the_quota_fields() {
        UUID partner = fixtures.partner(fixtures.user());
        UUID tenant = tinyTenantGrantedTo(partner);
        String key = fixtures.key(partner, "read");
        spend(tenant, key, PER_KEY);
        var refused = call(tenant, key);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("/problems/rate-limited").contains("per-key");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(refused.header("RateLimit-Policy"))
                .hasValue("\"per-key\";q=3;w=60, \"per-tenant\";q=5;w=60");
        assertThat(refused.header("RateLimit").orElseThrow()).startsWith("\"per-key\";r=0;t=");
    }

    @Test
    void another_key_in_the_same_tenant_is_served_while_one_key_is_limited() {
        UUID partner = fixtures.partner(fixtures.user());
        UUID tenant = tinyTenantGrantedTo(partner);
        String noisy = fixtures.key(partner, "read");
        String quiet = fixtures.key(partner, "read");
        spend(tenant, noisy, PER_KEY);
        assertThat(call(tenant, noisy).status()).isEqualTo(429);
        assertThat(call(tenant, quiet).status()).isEqualTo(200);
    }

    @Test
    void the_same_key_is_served_in_another_tenant_while_limited_in_one() {
        UUID partner = fixtures.partner(fixtures.user());
        UUID busy = tinyTenantGrantedTo(partner);
        UUID other = tinyTenantGrantedTo(partner);
        String key = fixtures.key(partner, "read");
        spend(busy, key, PER_KEY);
        assertThat(call(busy, key).status()).isEqualTo(429);
        assertThat(call(other, key).status()).isEqualTo(200);
    }

    @Test
    void the_call_after_the_per_tenant_quota_answers_429_while_other_tenants_are_served() {
        UUID partner = fixtures.partner(fixtures.user());
        UUID busy = tinyTenantGrantedTo(partner);
        UUID other = tinyTenantGrantedTo(partner);
        String first = fixtures.key(partner, "read");
        String second = fixtures.key(partner, "read");
        spend(busy, first, PER_KEY);
        spend(busy, second, PER_TENANT - PER_KEY);
        var refused = call(busy, second);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("per-tenant");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.header("RateLimit").orElseThrow())
                .as("the refused call gives its per-key token back").contains("\"per-key\";r=1;").contains("\"per-tenant\";r=0;");
        assertThat(call(other, second).status()).isEqualTo(200);
    }

    @Test
    void every_response_reports_the_remaining_quota() {
        UUID partner = fixtures.partner(fixtures.user());
        UUID tenant = tinyTenantGrantedTo(partner);
        String key = fixtures.key(partner, "read");
        var first = call(tenant, key);
        var second = call(tenant, key);
        assertThat(first.header("RateLimit-Policy")).hasValue("\"per-key\";q=3;w=60, \"per-tenant\";q=5;w=60");
        assertThat(first.header("RateLimit").orElseThrow()).matches("\"per-key\";r=2;t=\\d+, \"per-tenant\";r=4;t=\\d+");
        assertThat(second.header("RateLimit").orElseThrow()).matches("\"per-key\";r=1;t=\\d+, \"per-tenant\";r=3;t=\\d+");
    }

    @Test
    void error_responses_report_the_quota_too() {
        Person viewer = fixtures.user();
        UUID tenant = fixtures.tenant("tiny");
        fixtures.member(tenant, viewer, "viewer");
        var forbidden = fixtures.post("/api/v1/tenants/" + tenant + "/partner-grants", viewer.token(),
                "{\"partnerId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("RateLimit")).isPresent();
    }

    @Test
    void calls_refused_with_404_do_not_spend_the_tenants_quota() {
        Person member = fixtures.user();
        UUID tenant = fixtures.tenant("tiny");
        fixtures.member(tenant, member, "viewer");
        String outsider = fixtures.key(fixtures.partner(fixtures.user()), "read");
        for (int i = 0; i < PER_TENANT * 2; i++) {
            assertThat(call(tenant, outsider).status()).isEqualTo(404);
        }
        spend(tenant, member.token(), PER_KEY);
    }

    @Test
    void signed_in_users_are_limited_per_user() {
        Person noisy = fixtures.user();
        Person quiet = fixtures.user();
        UUID tenant = fixtures.tenant("tiny");
        fixtures.member(tenant, noisy, "viewer");
        fixtures.member(tenant, quiet, "viewer");
        spend(tenant, noisy.token(), PER_KEY);
        assertThat(call(tenant, noisy.token()).status()).isEqualTo(429);
        assertThat(call(tenant, quiet.token()).status()).isEqualTo(200);
    }

    @Test
    void calls_outside_tenant_routes_get_the_default_plans_per_key_quota() {
        Person user = fixtures.user();
        var response = fixtures.get("/api/v1/partners", user.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("RateLimit-Policy")).hasValue("\"per-key\";q=120;w=60");
    }

    @Test
    void anonymous_calls_carry_no_quota_fields() {
        var response = fixtures.get("/api/v1", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("RateLimit")).isEmpty();
    }
}
