package io.tillbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboundSettingsTest {

    private static OutboundSettings defaults() {
        return new OutboundSettings(true, "1s", 4, 2, "10s", "10s", OutboundSettings.DEFAULT_SCHEDULE, 0.25, "5d", 10,
                "24h", 1024, "2m", "5m");
    }

    @Test
    void the_default_schedule_spans_more_than_three_days_even_with_the_shortest_jitter() {
        OutboundSettings settings = defaults();
        Duration total = settings.retrySchedule().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(settings.retrySchedule()).hasSize(12).first().isEqualTo(Duration.ofSeconds(5));
        assertThat(total).isEqualTo(Duration.ofHours(97).plusMinutes(35).plusSeconds(5));
        assertThat(Duration.ofMillis(Math.round(total.toMillis() * (1 - settings.jitter()))))
                .isGreaterThan(Duration.ofDays(3));
    }

    @Test
    void durations_take_units_and_iso_8601_and_a_bad_one_names_the_setting() {
        assertThat(OutboundSettings.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(OutboundSettings.parse("x", "3d")).isEqualTo(Duration.ofDays(3));
        assertThat(OutboundSettings.parse("x", "PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> OutboundSettings.parse("read-timeout", "soon"))
                .hasMessageContaining("tillbridge.webhooks.read-timeout");
    }

    @Test
    void the_lease_outlives_a_whole_attempt() {
        assertThat(defaults().lease()).isGreaterThan(Duration.ofSeconds(20));
    }
}
