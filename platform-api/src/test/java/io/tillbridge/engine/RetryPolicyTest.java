package io.tillbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How long a re-queued run waits, and what a provider's Retry-After can make of it (DD-018). */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(15),
            Duration.ofHours(1));

    @Test
    void a_retry_after_longer_than_the_maximum_back_off_delays_the_run_by_the_maximum_only() {
        // A forged "Retry-After: 31536000" would otherwise park the integration's run for a year.
        Duration delay = policy.backoff(Optional.of(Duration.ofDays(365))).apply(0);
        assertThat(delay).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_retry_after_within_the_maximum_is_waited_out() {
        assertThat(policy.backoff(Optional.of(Duration.ofMinutes(40))).apply(0)).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void without_a_retry_after_the_delay_doubles_and_is_capped() {
        for (int retry = 0; retry < 10; retry++) {
            Duration delay = policy.backoff(Optional.empty()).apply(retry);
            long capped = Math.min(30_000L << retry, Duration.ofMinutes(15).toMillis());
            assertThat(delay.toMillis()).isBetween(capped / 2, capped);
        }
    }
}
