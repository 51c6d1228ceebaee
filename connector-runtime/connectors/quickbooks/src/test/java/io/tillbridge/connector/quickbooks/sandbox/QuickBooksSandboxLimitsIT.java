package io.tillbridge.connector.quickbooks.sandbox;

import static io.tillbridge.connector.quickbooks.sandbox.SandboxFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The realm's throttles: requests a minute and requests at once, answered 429 in Intuit's envelope. */
class QuickBooksSandboxLimitsIT {

    @Test
    void past_the_requests_of_a_minute_the_realm_answers_429_until_the_next_minute() {
        ManualTime clock = new ManualTime(SandboxFixture.NOW);
        try (QuickBooksSandbox sandbox = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(3, 0)
                .withClock(clock))) {
            SandboxClient client = new SandboxClient(sandbox, sandbox.issueToken());
            for (int i = 0; i < 3; i++) {
                assertThat(client.query("SELECT * FROM TaxRate").status()).isEqualTo(200);
            }
            SandboxClient.Answer limited = client.query("SELECT * FROM TaxRate");
            clock.set(SandboxFixture.NOW.plusSeconds(61));
            SandboxClient.Answer next = client.query("SELECT * FROM TaxRate");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(error(limited).path("code").asText()).isEqualTo("3001");
            assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void past_the_concurrent_requests_of_a_realm_a_request_answers_429() throws Exception {
        try (QuickBooksSandbox sandbox = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(0, 2))) {
            sandbox.faults().latency(Duration.ofMillis(400));
            SandboxClient client = new SandboxClient(sandbox, sandbox.issueToken());
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    answers.add(pool.submit(() -> client.query("SELECT * FROM TaxCode").status()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : answers) {
                    statuses.add(f.get());
                }
                assertThat(statuses).contains(200, 429);
                assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(2);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void a_scripted_throttle_answers_429_then_the_realm_serves_again() {
        try (QuickBooksSandbox sandbox = SandboxFixture.start()) {
            sandbox.faults().throttleNext(1);
            SandboxClient client = new SandboxClient(sandbox, sandbox.issueToken());
            assertThat(client.query("SELECT * FROM Item").status()).isEqualTo(429);
            assertThat(client.query("SELECT * FROM Item").status()).isEqualTo(200);
        }
    }
}
