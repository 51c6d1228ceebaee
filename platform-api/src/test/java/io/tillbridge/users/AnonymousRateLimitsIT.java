package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The anonymous routes are limited per client address (token buckets, a minute's quota) and answer
 * 429 problem+json with Retry-After when a flood uses it up, while another address still gets
 * through. Each test floods from its own loopback address, so that the tests do not share buckets.
 * No proxy is trusted here, so X-Forwarded-For is ignored.
 */
@MicronautTest(transactional = false)
class AnonymousRateLimitsIT extends IdentityFixture {

    private static final String LOGIN = "{\"email\":\"nobody@example.test\",\"password\":\"not the password at all\"}";

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("tillbridge.rate-limits.anonymous.enabled", "true",
                "tillbridge.rate-limits.anonymous.sign-in-per-minute", "4",
                "tillbridge.rate-limits.anonymous.sign-up-per-minute", "2",
                "tillbridge.rate-limits.anonymous.password-reset-per-minute", "2",
                "tillbridge.rate-limits.anonymous.email-verification-per-minute", "2",
                "tillbridge.rate-limits.anonymous.webhooks-per-minute", "3",
                "tillbridge.rate-limits.anonymous.catalog-per-minute", "3",
                "tillbridge.rate-limits.anonymous.oauth-callback-per-minute", "2");
    }

    @Test
    void a_flood_of_sign_ins_from_one_address_is_answered_429_while_another_address_still_gets_through() {
        for (int i = 0; i < 4; i++) {
            assertThat(post("127.0.0.2", "/api/v1/auth/login", LOGIN).status()).as("attempt " + (i + 1)).isEqualTo(401);
        }

        LoopbackClient.Reply refused = post("127.0.0.2", "/api/v1/auth/login", LOGIN);
        LoopbackClient.Reply other = post("127.0.0.3", "/api/v1/auth/login", LOGIN);

        assertRateLimited(refused, "sign-in");
        assertThat(other.status()).as("another address: " + other.body()).isEqualTo(401);
    }

    @Test
    void refresh_and_logout_count_as_sign_in_requests() {
        for (int i = 0; i < 2; i++) {
            post("127.0.0.4", "/api/v1/auth/refresh", "{\"refreshToken\":\"not-a-token\"}");
            post("127.0.0.4", "/api/v1/auth/logout", "{\"refreshToken\":\"not-a-token\"}");
        }

        assertRateLimited(post("127.0.0.4", "/api/v1/auth/login", LOGIN), "sign-in");
    }

    @Test
    void a_flood_of_sign_ups_is_refused_before_any_account_is_made() {
        String third = "third-" + UUID.randomUUID() + "@example.test";
        assertThat(post("127.0.0.5", "/api/v1/signup", signup("first-" + UUID.randomUUID() + "@example.test")).status())
                .isEqualTo(201);
        assertThat(post("127.0.0.5", "/api/v1/signup", signup("second-" + UUID.randomUUID() + "@example.test")).status())
                .isEqualTo(201);

        assertRateLimited(post("127.0.0.5", "/api/v1/signup", signup(third)), "sign-up");
        assertThat(ownerQuery("SELECT count(*) FROM users WHERE email = ?", third)).isEqualTo(0L);
    }

    @Test
    void a_flood_of_password_reset_requests_is_refused() {
        String body = "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\"}";
        assertThat(post("127.0.0.6", "/api/v1/auth/password-reset", body).status()).isEqualTo(202);
        assertThat(post("127.0.0.6", "/api/v1/auth/password-reset", body).status()).isEqualTo(202);

        assertRateLimited(post("127.0.0.6", "/api/v1/auth/password-reset", body), "password-reset");
        assertRateLimited(post("127.0.0.6", "/api/v1/auth/password-reset/confirm",
                "{\"token\":\"not-a-token\",\"newPassword\":\"correct horse battery staple\"}"), "password-reset");
    }

    @Test
    void a_flood_of_email_verifications_is_refused() {
        for (int i = 0; i < 2; i++) {
            assertThat(post("127.0.0.7", "/api/v1/auth/verify-email", "{\"token\":\"not-a-token\"}").status()).isEqualTo(400);
        }

        assertRateLimited(post("127.0.0.7", "/api/v1/auth/verify-email/resend", "{\"email\":\"a@example.test\"}"),
                "email-verification");
    }

    @Test
    void a_flood_of_webhook_deliveries_is_refused_per_address() {
        String path = "/api/v1/hooks/" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(post("127.0.0.8", path, "{\"type\":\"order.created\"}").status()).isEqualTo(404);
        }

        assertRateLimited(post("127.0.0.8", path, "{\"type\":\"order.created\"}"), "webhooks");
        assertThat(post("127.0.0.9", path, "{\"type\":\"order.created\"}").status()).isEqualTo(404);
    }

    @Test
    void a_flood_of_vendor_webhook_deliveries_is_refused_per_address() {
        String path = "/api/v1/vendor-hooks/" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(post("127.0.0.10", path, "{\"type\":\"order.created\"}").status()).isEqualTo(404);
        }

        assertRateLimited(post("127.0.0.10", path, "{\"type\":\"order.created\"}"), "webhooks");
        assertThat(post("127.0.0.11", path, "{\"type\":\"order.created\"}").status()).isEqualTo(404);
    }

    @Test
    void a_flood_of_connector_catalog_reads_is_refused_per_address() {
        assertThat(LoopbackClient.get("127.0.0.11", server.getPort(), "/api/v1/connectors").status()).isEqualTo(200);
        assertThat(LoopbackClient.get("127.0.0.11", server.getPort(), "/api/v1/connectors/square").status()).isEqualTo(200);
        assertThat(LoopbackClient.get("127.0.0.11", server.getPort(), "/api/v1/connectors/no-such").status()).isEqualTo(404);

        assertRateLimited(LoopbackClient.get("127.0.0.11", server.getPort(), "/api/v1/connectors"), "catalog");
        assertThat(LoopbackClient.get("127.0.0.12", server.getPort(), "/api/v1/connectors").status()).isEqualTo(200);
    }

    @Test
    void a_flood_of_oauth_callbacks_is_refused_per_address_before_any_state_is_looked_up() {
        String path = "/api/v1/oauth/callback?code=c&state=never-issued";
        assertThat(LoopbackClient.get("127.0.0.13", server.getPort(), path).status()).isEqualTo(400);
        assertThat(LoopbackClient.get("127.0.0.13", server.getPort(), path).status()).isEqualTo(400);

        assertRateLimited(LoopbackClient.get("127.0.0.13", server.getPort(), path), "oauth-callback");
        assertThat(LoopbackClient.get("127.0.0.14", server.getPort(), path).status()).isEqualTo(400);
    }

    @Test
    void x_forwarded_for_from_an_untrusted_peer_does_not_open_a_new_bucket() {
        for (int i = 0; i < 4; i++) {
            post("127.0.0.10", "/api/v1/auth/login", LOGIN, "X-Forwarded-For", "203.0.113." + i);
        }

        assertRateLimited(post("127.0.0.10", "/api/v1/auth/login", LOGIN, "X-Forwarded-For", "203.0.113.99"), "sign-in");
    }

    private LoopbackClient.Reply post(String from, String path, String json, String... headers) {
        return LoopbackClient.post(from, server.getPort(), path, json, headers);
    }

    private static String signup(String email) {
        return "{\"businessName\":\"Flood " + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Flo\",\"email\":\""
                + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    static void assertRateLimited(LoopbackClient.Reply reply, String kind) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(reply.header("content-type")).hasValue("application/problem+json");
        assertThat(reply.body()).contains("\"type\":\"/problems/rate-limited\"").contains(kind);
        assertThat(reply.header("retry-after")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }
}
