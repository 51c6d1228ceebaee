package io.tillbridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UptimeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:30Z");

    @Test
    void a_fixed_interval_gives_the_intervals_that_ended_since_the_schedule_changed() {
        Uptime.Schedule hourly = new Uptime.Schedule(null, "UTC", 3600, Instant.parse("2026-12-07T08:30:00Z"));
        Uptime.Intervals intervals = Uptime.intervals(hourly, NOW.minusSeconds(7 * 86_400), NOW);
        assertThat(intervals.starts()).containsExactly(Instant.parse("2026-12-07T08:30:00Z"),
                Instant.parse("2026-12-07T09:30:00Z"), Instant.parse("2026-12-07T10:30:00Z"));
        assertThat(intervals.ends()).containsExactly(Instant.parse("2026-12-07T09:30:00Z"),
                Instant.parse("2026-12-07T10:30:00Z"), Instant.parse("2026-12-07T11:30:00Z"));
    }

    @Test
    void a_window_starting_after_the_change_starts_at_the_first_fire_inside_it() {
        Uptime.Schedule hourly = new Uptime.Schedule(null, "UTC", 3600, Instant.parse("2026-11-01T00:15:00Z"));
        Uptime.Intervals intervals = Uptime.intervals(hourly, Instant.parse("2026-12-07T09:00:00Z"), NOW);
        assertThat(intervals.starts()).first().isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(intervals.ends()).last().isEqualTo(Instant.parse("2026-12-07T11:15:00Z"));
    }

    @Test
    void a_cron_follows_its_time_zone_across_a_daylight_saving_change() {
        // 09:00 in London every day: 09:00 UTC before the change of 29 March 2026, 08:00 UTC after it.
        Uptime.Schedule daily = new Uptime.Schedule("0 0 9 * * ?", "Europe/London", null,
                Instant.parse("2026-03-01T00:00:00Z"));
        Uptime.Intervals intervals = Uptime.intervals(daily, Instant.parse("2026-03-27T12:00:00Z"),
                Instant.parse("2026-03-31T12:00:00Z"));
        assertThat(intervals.starts()).containsExactly(Instant.parse("2026-03-28T09:00:00Z"),
                Instant.parse("2026-03-29T08:00:00Z"), Instant.parse("2026-03-30T08:00:00Z"));
        assertThat(intervals.ends()).last().isEqualTo(Instant.parse("2026-03-31T08:00:00Z"));
    }

    @Test
    void a_schedule_firing_more_often_than_the_window_allows_is_measured_over_groups() {
        Uptime.Schedule everySecond = new Uptime.Schedule(null, "UTC", 1, Instant.parse("2026-11-01T00:00:00Z"));
        Uptime.Intervals intervals = Uptime.intervals(everySecond, NOW.minusSeconds(30 * 86_400), NOW);
        assertThat(intervals.size()).isBetween(Uptime.MAX_INTERVALS / 2, Uptime.MAX_INTERVALS);
        assertThat(intervals.ends().get(intervals.size() - 1)).isBeforeOrEqualTo(NOW);

        Uptime.Schedule everyMinute = new Uptime.Schedule("0 * * * * ?", "UTC", null, Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(Uptime.intervals(everyMinute, NOW.minusSeconds(30 * 86_400), NOW).size())
                .isBetween(Uptime.MAX_INTERVALS / 2, Uptime.MAX_INTERVALS + 1);
    }

    @Test
    void an_invalid_cron_or_no_ended_interval_gives_none() {
        assertThat(Uptime.intervals(new Uptime.Schedule("nonsense", "UTC", null, NOW.minusSeconds(86_400)),
                NOW.minusSeconds(86_400), NOW).size()).isZero();
        assertThat(Uptime.intervals(new Uptime.Schedule(null, "UTC", 3600, NOW.minusSeconds(60)),
                NOW.minusSeconds(86_400), NOW).size()).isZero();
    }
}
