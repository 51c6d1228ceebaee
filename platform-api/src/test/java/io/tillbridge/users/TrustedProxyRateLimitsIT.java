package io.tillbridge.users;

import static io.tillbridge.users.AnonymousRateLimitsIT.assertRateLimited;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy (here: anything on 127.0.0.0/8) the client is the right-most address of
 * X-Forwarded-For that is not a trusted proxy: two clients behind the same proxy have their own
 * buckets, and an address the client wrote itself further left changes nothing.
 */
@MicronautTest(transactional = false)
class TrustedProxyRateLimitsIT extends IdentityFixture {

    private static final String LOGIN = "{\"email\":\"nobody@example.test\",\"password\":\"not the password at all\"}";

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("tillbridge.rate-limits.anonymous.enabled", "true",
                "tillbridge.rate-limits.anonymous.sign-in-per-minute", "3",
                "tillbridge.http.trusted-proxies", "127.0.0.0/8");
    }

    @Test
    void clients_behind_a_trusted_proxy_are_limited_each_by_their_own_address() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("203.0.113.7").status()).isEqualTo(401);
        }

        assertRateLimited(login("203.0.113.7"), "sign-in");
        assertThat(login("203.0.113.8").status()).as("another client behind the proxy").isEqualTo(401);
    }

    @Test
    void an_address_the_client_put_in_front_of_its_own_is_not_believed() {
        for (int i = 0; i < 3; i++) {
            login("198.51.100." + i + ", 203.0.113.20");
        }

        assertRateLimited(login("198.51.100.77, 203.0.113.20"), "sign-in");
    }

    private LoopbackClient.Reply login(String forwardedFor) {
        return LoopbackClient.post("127.0.0.1", server.getPort(), "/api/v1/auth/login", LOGIN,
                "X-Forwarded-For", forwardedFor);
    }
}
