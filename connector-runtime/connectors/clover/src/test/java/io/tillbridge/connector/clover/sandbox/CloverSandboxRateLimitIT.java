package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits counted in real seconds and requests held in flight by real waits: they take seconds,
 * so they run with the integration tests.
 */
class CloverSandboxRateLimitIT {

    private CloverSandbox sandbox;

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void a_connector_that_waits_out_429s_reads_every_order() {
        sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(400).withRateLimits(3, 5, 50, 10));
        String mId = sandbox.merchantIds().get(0);
        CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));

        List<JsonNode> orders = client.all(mId, "/orders", 25, new ArrayList<>(), "filter", "createdTime>=0");

        assertThat(client.throttled()).isPositive();
        assertThat(orders.stream().map(o -> o.path("id").asText()).distinct())
                .hasSize(sandbox.data().orders(mId).size());
    }

    @Test
    void the_app_limit_of_50_a_second_holds_across_tokens() throws Exception {
        sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(10).withRateLimits(0, 5, 50, 10)
                .withRetryAfter(Duration.ofSeconds(1)));
        String mId = sandbox.merchantIds().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<List<CloverClient.Response>>> perToken = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));
                perToken.add(pool.submit(() -> {
                    List<CloverClient.Response> responses = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        responses.add(client.get(mId, "/devices"));
                    }
                    return responses;
                }));
            }
            List<CloverClient.Response> responses = new ArrayList<>();
            for (Future<List<CloverClient.Response>> f : perToken) {
                responses.addAll(f.get());
            }

            assertThat(responses).filteredOn(r -> r.status() == 200).hasSizeGreaterThanOrEqualTo(50);
            assertThat(responses).anySatisfy(r -> {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.header("Retry-After")).isEqualTo("1");
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_sixth_request_in_flight_with_one_token_answers_429() throws Exception {
        sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(10).withRateLimits(0, 5, 0, 10));
        String mId = sandbox.merchantIds().get(0);
        CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));
        sandbox.faults().slowNext(5, Duration.ofMillis(1500));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<CloverClient.Response>> slow = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                slow.add(pool.submit(() -> client.get(mId, "/devices")));
            }
            Thread.sleep(500);

            CloverClient.Response sixth = client.get(mId, "/devices");

            assertThat(sixth.status()).isEqualTo(429);
            for (Future<CloverClient.Response> f : slow) {
                assertThat(f.get().status()).isEqualTo(200);
            }
            assertThat(client.get(mId, "/devices").status()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
