package io.tillbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    @Test
    void the_signature_matches_the_specifications_published_example() {
        // The example of the Standard Webhooks reference libraries' tests.
        String header = StandardWebhooks.signatureHeader(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void two_secrets_sign_twice_separated_by_a_space_current_first() {
        String current = StandardWebhooks.newSecret();
        String old = StandardWebhooks.newSecret();
        String header = StandardWebhooks.signatureHeader(List.of(current, old), "id", 1L, "{}");
        assertThat(header.split(" ")).containsExactly("v1," + StandardWebhooks.sign(current, "id", 1L, "{}"),
                "v1," + StandardWebhooks.sign(old, "id", 1L, "{}"));
    }

    @Test
    void a_new_secret_is_whsec_and_32_random_bytes() {
        String a = StandardWebhooks.newSecret();
        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(StandardWebhooks.newSecret()).isNotEqualTo(a);
    }
}
