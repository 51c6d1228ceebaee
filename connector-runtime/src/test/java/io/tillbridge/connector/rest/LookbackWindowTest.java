package io.tillbridge.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The look-back window's bookkeeping, with no vendor and no network: times, keys and checkpoints. */
class LookbackWindowTest {

    private static final Duration LOOKBACK = Duration.ofMinutes(30);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static LookbackWindow open(Checkpoint checkpoint, LookbackWindow.Times times, Instant firstStart) {
        JsonNode cp = LookbackWindow.parse(checkpoint, "Test");
        return LookbackWindow.open(cp, cp.has("position"), LOOKBACK, firstStart, times);
    }

    private static LookbackWindow open(Checkpoint checkpoint) {
        return open(checkpoint, LookbackWindow.Times.RFC3339, null);
    }

    @Test
    void a_first_read_asks_for_everything_or_from_its_first_start() {
        assertThat(open(null).start()).isNull();
        assertThat(open(null).covers(Instant.EPOCH)).isTrue();
        LookbackWindow window = open(null, LookbackWindow.Times.RFC3339, T0);
        assertThat(window.start()).isEqualTo(T0);
        assertThat(window.covers(T0.minusMillis(1))).isFalse();
        assertThat(window.covers(T0)).isTrue();
    }

    @Test
    void a_later_read_starts_the_look_back_before_the_last_high_water_mark() {
        LookbackWindow window = open(LookbackWindow.at(T0, LookbackWindow.Times.RFC3339));
        assertThat(window.start()).isEqualTo(T0.minus(LOOKBACK));
        assertThat(window.max()).isEqualTo(T0);
    }

    @Test
    void a_record_read_before_at_the_same_version_is_not_emitted_again_but_a_new_version_is() {
        LookbackWindow first = open(null);
        assertThat(first.remember("a", "1", T0)).isTrue();
        assertThat(first.remember("b", "1", T0.plusSeconds(60))).isTrue();
        assertThat(first.remember("a", "1", T0)).isFalse();
        Checkpoint done = first.completed();

        LookbackWindow second = open(done);
        assertThat(second.remember("a", "1", T0)).isFalse();
        assertThat(second.remember("b", "2", T0.plusSeconds(120))).isTrue();
        assertThat(second.remember("c", "1", T0.plusSeconds(30))).isTrue();
    }

    @Test
    void a_completed_read_moves_since_to_the_high_water_mark_and_forgets_what_lies_before_its_look_back() {
        LookbackWindow window = open(null);
        window.remember("old", "1", T0);
        window.remember("new", "1", T0.plus(LOOKBACK).plusSeconds(1));
        JsonNode cp = LookbackWindow.parse(window.completed(), "Test");
        assertThat(cp.path("since").asText()).isEqualTo(T0.plus(LOOKBACK).plusSeconds(1).toString());
        assertThat(cp.path("seen").has("old")).isFalse();
        assertThat(cp.path("seen").path("new").path(0).asText()).isEqualTo("1");
        assertThat(cp.path("seen").path("new").path(1).asText()).isEqualTo(T0.plus(LOOKBACK).plusSeconds(1).toString());
    }

    @Test
    void a_checkpoint_between_pages_keeps_the_window_and_carries_the_readers_position() {
        LookbackWindow window = open(LookbackWindow.at(T0, LookbackWindow.Times.RFC3339));
        window.remember("a", "1", T0.plusSeconds(5));
        Checkpoint between = window.between(node -> node.put("position", "page-2"));
        JsonNode cp = LookbackWindow.parse(between, "Test");
        assertThat(cp.path("position").asText()).isEqualTo("page-2");
        assertThat(cp.path("max").asText()).isEqualTo(T0.plusSeconds(5).toString());

        LookbackWindow resumed = open(between);
        assertThat(resumed.start()).isEqualTo(T0.minus(LOOKBACK));
        assertThat(resumed.max()).isEqualTo(T0.plusSeconds(5));
        assertThat(resumed.remember("a", "1", T0.plusSeconds(5))).isFalse();
        assertThat(LookbackWindow.parse(resumed.completed(), "Test").path("since").asText())
                .isEqualTo(T0.plusSeconds(5).toString());
    }

    @Test
    void epoch_millisecond_checkpoints_hold_numbers_truncated_to_the_millisecond() {
        Instant first = T0.plusNanos(1_500_000);
        LookbackWindow window = open(null, LookbackWindow.Times.EPOCH_MILLIS, first);
        assertThat(window.start()).isEqualTo(T0.plusMillis(1));
        window.remember("a", "7", T0.plusSeconds(1));
        JsonNode cp = LookbackWindow.parse(window.between(node -> node.put("position", 3)), "Test");
        assertThat(cp.path("start").isNumber()).isTrue();
        assertThat(cp.path("start").asLong()).isEqualTo(T0.plusMillis(1).toEpochMilli());
        assertThat(cp.path("seen").path("a").path(1).asLong()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
        assertThat(LookbackWindow.parse(LookbackWindow.at(T0, LookbackWindow.Times.EPOCH_MILLIS), "Test")
                .path("since").asLong()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void a_checkpoint_that_is_not_a_json_object_names_the_connector() {
        assertThatThrownBy(() -> LookbackWindow.parse(new Checkpoint("[1]"), "Square"))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("the checkpoint was not written by the Square connector");
    }

    @Test
    void a_checkpoint_time_that_is_not_rfc_3339_fails_as_a_system_error() {
        assertThatThrownBy(() -> open(new Checkpoint("{\"since\":\"yesterday\"}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("not RFC 3339");
    }
}
