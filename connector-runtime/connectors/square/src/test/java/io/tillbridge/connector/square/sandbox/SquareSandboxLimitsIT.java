package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SquareSandboxLimitsIT {

    @Test
    void requests_over_the_tokens_budget_answer_429_rate_limited_without_retry_after() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5)
                .withRequestBudget(3, Duration.ofMinutes(1)))) {
            SquareClient client = new SquareClient(square, square.issueToken());
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/v2/locations").status()).isEqualTo(200);
            }

            SquareClient.Reply reply = client.get("/v2/locations");

            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.body().path("errors").path(0).path("category").asText()).isEqualTo("RATE_LIMIT_ERROR");
            assertThat(reply.error()).isEqualTo("RATE_LIMITED");
            assertThat(reply.headers().firstValue("Retry-After")).isEmpty();
        }
    }

    @Test
    void the_budget_is_per_token_and_renews_with_the_window() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5)
                .withRequestBudget(1, Duration.ofMinutes(1)))) {
            SquareClient one = new SquareClient(square, square.issueToken());
            one.get("/v2/locations");
            assertThat(one.get("/v2/locations").status()).isEqualTo(429);

            assertThat(new SquareClient(square, square.issueToken()).get("/v2/locations").status()).isEqualTo(200);
            square.advance(Duration.ofMinutes(1));
            assertThat(one.get("/v2/locations").status()).isEqualTo(200);
        }
    }

    @Test
    void retry_after_is_sent_only_when_the_option_asks_for_it() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5)
                .withRequestBudget(1, Duration.ofMinutes(1)).withRetryAfter(Duration.ofSeconds(7)))) {
            SquareClient client = new SquareClient(square, square.issueToken());
            client.get("/v2/locations");

            assertThat(client.get("/v2/locations").headers().firstValue("Retry-After")).contains("7");
        }
    }

    @Test
    void scripted_server_errors_answer_in_squares_envelope_and_then_the_api_recovers() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5))) {
            SquareClient client = new SquareClient(square, square.issueToken());
            square.faults().failNext(1, 503).failNext(1, 500);

            SquareClient.Reply unavailable = client.get("/v2/locations");
            SquareClient.Reply internal = client.get("/v2/locations");

            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.error()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(internal.status()).isEqualTo(500);
            assertThat(internal.error()).isEqualTo("INTERNAL_SERVER_ERROR");
            assertThat(client.get("/v2/locations").status()).isEqualTo(200);
        }
    }

    @Test
    void a_scripted_slow_response_arrives_after_the_delay() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5))) {
            SquareClient client = new SquareClient(square, square.issueToken());
            square.faults().slowNext(1, Duration.ofMillis(700));
            long start = System.nanoTime();

            SquareClient.Reply reply = client.get("/v2/locations");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }
    }
    @Test
    void a_steady_latency_delays_every_request_until_it_is_set_to_zero() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5))) {
            SquareClient client = new SquareClient(square, square.issueToken());
            square.faults().latency(Duration.ofMillis(300));
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                assertThat(client.get("/v2/locations").status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            }
            square.faults().latency(Duration.ZERO);

            long start = System.nanoTime();
            assertThat(client.get("/v2/locations").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void a_rate_limited_share_of_requests_answers_429_with_retry_after_when_the_option_asks_for_it() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5)
                .withRetryAfter(Duration.ofSeconds(2)))) {
            SquareClient client = new SquareClient(square, square.issueToken());
            square.faults().rateLimit(0.25, 42);
            int limited = 0;
            for (int i = 0; i < 200; i++) {
                SquareClient.Reply reply = client.get("/v2/locations");
                if (reply.status() == 429) {
                    limited++;
                    assertThat(reply.error()).isEqualTo("RATE_LIMITED");
                    assertThat(reply.body().path("errors").path(0).path("category").asText())
                            .isEqualTo("RATE_LIMIT_ERROR");
                    assertThat(reply.headers().firstValue("Retry-After")).contains("2");
                } else {
                    assertThat(reply.status()).isEqualTo(200);
                }
            }
            assertThat(limited).isBetween(25, 75);
            assertThat(square.faults().rateLimitedAnswers()).isEqualTo(limited);

            square.faults().rateLimit(0, 42);
            assertThat(client.get("/v2/locations").status()).isEqualTo(200);
        }
    }

    @Test
    void a_rate_limit_share_outside_zero_to_one_is_refused() {
        try (SquareSandbox square = SquareSandbox.start(SandboxFixture.options().withOrders(5))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> square.faults().rateLimit(1.5, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
