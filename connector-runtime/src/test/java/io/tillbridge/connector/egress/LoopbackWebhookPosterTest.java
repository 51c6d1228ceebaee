package io.tillbridge.connector.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Refusals that happen before a socket opens; deliveries to a receiver are tested by the sandboxes' ITs. */
class LoopbackWebhookPosterTest {

    @Test
    void a_url_that_is_not_loopback_is_refused_as_unreachable_and_retried_up_to_its_attempts() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        try (LoopbackWebhookPoster poster = new LoopbackWebhookPoster("test-webhooks", null, Duration.ofSeconds(1),
                Duration.ofSeconds(1))) {
            poster.post("http://203.0.113.7/hooks", Map.of("X-Test", "1"), "{}".getBytes(), 3, Duration.ofMillis(1),
                    (attempt, status) -> attempts.add(attempt + ":" + status));
            assertThat(poster.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(attempts).containsExactly("1:0", "2:0", "3:0");
    }

    @Test
    void a_host_name_other_than_localhost_is_refused() throws Exception {
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        try (LoopbackWebhookPoster poster = new LoopbackWebhookPoster("test-webhooks", null, Duration.ofSeconds(1),
                Duration.ofSeconds(1))) {
            poster.post("https://hooks.example.com/in", Map.of(), new byte[0], 1, Duration.ZERO,
                    (attempt, status) -> statuses.add(status));
            assertThat(poster.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(statuses).containsExactly(0);
    }
}
