package io.tillbridge.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptedFaultsTest {

    @Test
    void faults_are_used_in_the_order_they_were_added_one_per_request() {
        ScriptedFaults faults = new ScriptedFaults().failNext(1, 503).slowNext(1, Duration.ofMillis(5));
        assertThat(faults.take()).isEqualTo(new ScriptedFaults.Fault(503, Duration.ZERO));
        assertThat(faults.take()).isEqualTo(new ScriptedFaults.Fault(0, Duration.ofMillis(5)));
        assertThat(faults.take()).isNull();
    }

    @Test
    void applying_a_failure_throws_what_the_sandbox_makes_of_its_status() {
        ScriptedFaults faults = new ScriptedFaults().failNext(1, 502);
        assertThatThrownBy(() -> faults.apply(status -> new IllegalStateException("status " + status)))
                .hasMessage("status 502");
        faults.apply(status -> new IllegalStateException("no fault is left"));
    }

    @Test
    void a_delay_is_waited_and_the_request_then_answered() {
        ScriptedFaults faults = new ScriptedFaults().slowNext(1, Duration.ofMillis(30));
        long start = System.nanoTime();
        faults.apply(status -> new IllegalStateException("a delay is no failure"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }

    @Test
    void only_server_errors_up_to_the_sandboxs_highest_can_be_scripted_and_clear_forgets_them() {
        ScriptedFaults faults = new ScriptedFaults();
        assertThatThrownBy(() -> faults.failNext(1, 429)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNext(1, 505)).isInstanceOf(IllegalArgumentException.class);
        faults.failNext(2, 500).clear();
        assertThat(faults.take()).isNull();
    }
}
