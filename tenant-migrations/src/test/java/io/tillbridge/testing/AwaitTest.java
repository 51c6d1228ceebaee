package io.tillbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void until_answers_the_first_accepted_value() {
        AtomicInteger looks = new AtomicInteger();

        int seen = Await.until(Duration.ofSeconds(5), "three looks", looks::incrementAndGet, n -> n >= 3);

        assertThat(seen).isEqualTo(3);
    }

    @Test
    void a_wait_that_runs_out_names_what_it_waited_for_and_the_value_last_seen() {
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(120), "the answer", () -> 41, n -> n == 42))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the answer").hasMessageContaining("last seen: 41");
    }

    @Test
    void a_look_that_throws_fails_the_wait_at_once() {
        assertThatThrownBy(() -> Await.until(Duration.ofSeconds(5), "a query", () -> {
            throw new java.sql.SQLException("down");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("a query").hasRootCauseMessage("down");
    }

    @Test
    void holds_for_fails_as_soon_as_the_condition_breaks() {
        AtomicInteger looks = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> Await.holdsFor(Duration.ofSeconds(5), "fewer than three looks",
                () -> looks.incrementAndGet() < 3))
                .isInstanceOf(AssertionError.class).hasMessageContaining("fewer than three looks");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void holds_for_passes_when_the_condition_holds_the_whole_window() {
        AtomicInteger looks = new AtomicInteger();

        Await.holdsFor(Duration.ofMillis(200), "always", () -> looks.incrementAndGet() > 0);

        assertThat(looks.get()).isGreaterThan(1);
    }
}
