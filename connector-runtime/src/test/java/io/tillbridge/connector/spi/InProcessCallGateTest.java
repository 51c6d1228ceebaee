package io.tillbridge.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessCallGateTest {

    /** A clock that moves only when the gate pauses on it. */
    private static final class PausedTime extends Clock implements InProcessCallGate.Pause {
        private Instant now = Instant.parse("2026-03-01T12:00:00Z");
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final PausedTime time = new PausedTime();

    @Test
    void a_burst_passes_at_once_and_then_permits_come_at_the_rate() {
        InProcessCallGate gate = new InProcessCallGate(2, 3, Duration.ofMinutes(1), time, time);
        Instant start = time.instant();
        for (int i = 0; i < 3; i++) {
            gate.acquire();
        }
        assertThat(time.instant()).isEqualTo(start);
        for (int i = 0; i < 4; i++) {
            gate.acquire();
        }
        // Four more permits at two a second: two seconds.
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void no_permit_before_a_back_off_has_passed_then_one_probe_before_the_rate_applies() {
        InProcessCallGate gate = new InProcessCallGate(1, 5, Duration.ofMinutes(1), time, time);
        Instant start = time.instant();
        gate.backOff(Duration.ofSeconds(2));
        gate.acquire();
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(2));
        gate.acquire();
        // Rounded up to the nanosecond, never early.
        assertThat(Duration.between(start, time.instant())).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3_001));
    }

    @Test
    void a_shorter_back_off_does_not_shorten_a_longer_one() {
        InProcessCallGate gate = InProcessCallGateTest.unlimited(time);
        Instant start = time.instant();
        gate.backOff(Duration.ofSeconds(5));
        gate.backOff(Duration.ofSeconds(1));
        gate.acquire();
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_stop_request_ends_the_wait_without_a_permit() {
        InProcessCallGate gate = unlimited(time);
        gate.backOff(Duration.ofSeconds(30));
        Instant start = time.instant();
        assertThat(gate.acquire(() -> Duration.between(start, time.instant()).toMillis() >= 300)).isFalse();
        assertThat(Duration.between(start, time.instant())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void a_wait_longer_than_allowed_fails_transient_with_the_wait() {
        InProcessCallGate gate = new InProcessCallGate(1, 1, Duration.ofSeconds(10), time, time);
        gate.backOff(Duration.ofSeconds(60));
        assertThatThrownBy(gate::acquire).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.category()).isEqualTo(ConnectorException.Category.TRANSIENT);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        });
    }

    @Test
    void gates_of_one_context_are_shared_per_provider_account() {
        InProcessConnectorContext context = new InProcessConnectorContext(1, 1, Duration.ofMinutes(1), time, time);
        assertThat(context.gate("xero", "t-1")).isSameAs(context.gate("xero", "t-1"));
        assertThat(context.gate("xero", "t-1")).isNotSameAs(context.gate("xero", "t-2"));
        assertThat(context.gate("xero", "t-1")).isNotSameAs(context.gate("square", "t-1"));
    }

    private static InProcessCallGate unlimited(PausedTime time) {
        return new InProcessCallGate(Double.POSITIVE_INFINITY, 1, Duration.ofMinutes(10), time, time);
    }
}
