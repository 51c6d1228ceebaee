package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import io.tillbridge.testing.ManualClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15));

    private void fail(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(email, address);
        }
    }

    @Test
    void five_failures_lock_the_email_for_fifteen_minutes() {
        fail("maria@example.test", "10.0.0.1", 5);

        assertThatThrownBy(() -> throttle.checkAllowed("maria@example.test", "10.0.0.2"))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfterSeconds()).hasValue(900));
    }

    @Test
    void four_failures_do_not_lock() {
        fail("maria@example.test", "10.0.0.1", 4);

        assertThatCode(() -> throttle.checkAllowed("maria@example.test", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void the_email_is_compared_without_regard_to_case_or_spaces() {
        fail("Maria@Example.test ", "10.0.0.1", 5);

        assertThatThrownBy(() -> throttle.checkAllowed("maria@example.test", "10.0.0.1"))
                .isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void retry_after_counts_down() {
        fail("maria@example.test", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(10).plusMillis(500));

        assertThatThrownBy(() -> throttle.checkAllowed("maria@example.test", "10.0.0.1"))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfterSeconds()).hasValue(300));
    }

    @Test
    void the_lockout_ends_after_fifteen_minutes() {
        fail("maria@example.test", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(15));

        assertThatCode(() -> throttle.checkAllowed("maria@example.test", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void after_a_lockout_the_count_starts_again() {
        fail("maria@example.test", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(15));
        throttle.checkAllowed("maria@example.test", "10.0.0.1");

        fail("maria@example.test", "10.0.0.1", 4);

        assertThatCode(() -> throttle.checkAllowed("maria@example.test", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void failures_after_a_lockout_ended_lock_again() {
        fail("maria@example.test", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(15));

        fail("maria@example.test", "10.0.0.1", 5);

        assertThatThrownBy(() -> throttle.checkAllowed("maria@example.test", "10.0.0.1"))
                .isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void failures_spread_beyond_the_window_do_not_lock() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("maria@example.test", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(4));
        }

        assertThatCode(() -> throttle.checkAllowed("maria@example.test", "10.0.0.99")).doesNotThrowAnyException();
    }

    @Test
    void a_success_clears_the_email_count() {
        fail("maria@example.test", "10.0.0.1", 4);
        throttle.recordSuccess("maria@example.test");

        fail("maria@example.test", "10.0.0.1", 4);

        assertThatCode(() -> throttle.checkAllowed("maria@example.test", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void many_failures_from_one_address_lock_that_address_for_every_email() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("person" + i + "@example.test", "10.0.0.1");
        }

        assertThatThrownBy(() -> throttle.checkAllowed("someone-new@example.test", "10.0.0.1"))
                .isInstanceOf(LoginThrottledException.class)
                .hasMessageContaining("network address");
        assertThatCode(() -> throttle.checkAllowed("someone-new@example.test", "10.0.0.2")).doesNotThrowAnyException();
    }
}
