package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits that a burst of requests reaches at once, and scripted server errors. */
class CloverSandboxRateLimitServerIT {

    private CloverSandbox sandbox;

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void more_than_16_requests_in_a_second_with_one_token_answer_429() {
        sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(10)
                .withRateLimits(16, 5, 50, 10));
        String mId = sandbox.merchantIds().get(0);
        CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));

        List<CloverClient.Response> responses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            responses.add(client.get(mId, "/tax_rates"));
        }

        assertThat(responses.subList(0, 16)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses).anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.body().path("message").asText()).isNotBlank();
            assertThat(r.header("Retry-After")).isNull();
        });
    }

    @Test
    void scripted_server_errors_answer_5xx_with_a_message_and_then_the_api_recovers() {
        sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(10));
        String mId = sandbox.merchantIds().get(0);
        CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));
        sandbox.faults().failNext(2, 503);

        assertThat(client.get(mId, "/orders").status()).isEqualTo(503);
        CloverClient.Response second = client.get(mId, "/orders");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.body().path("message").asText()).isNotBlank();
        assertThat(client.get(mId, "/orders").status()).isEqualTo(200);
    }
}
