package io.tillbridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The silence rule's learning and verdict for a shop in London, open Monday to Saturday 09:00 to
 * 17:00 local time and closed on Sundays, over weeks that span a change of the clocks.
 */
class UsualActivityTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Duration MINIMUM = Duration.ofMinutes(30);

    /** {@code perHour} records in each opening hour of each day from {@code first} to {@code last}. */
    private static Map<Instant, Long> shop(LocalDate first, LocalDate last, long perHour) {
        Map<Instant, Long> hours = new HashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (int h = 9; h < 17; h++) {
                hours.put(d.atTime(h, 0).atZone(LONDON).toInstant(), perHour);
            }
        }
        return hours;
    }

    private static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    // The clocks went back on Sunday 25 October 2026: three of the four weeks were summer time.
    private final Map<Instant, Long> autumn = shop(LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-31"), 6);
    private final Instant lastSaturdayOrder = london("2026-10-31T16:59");

    @Test
    void business_hours_are_learned_in_local_time_across_the_autumn_clock_change() {
        UsualActivity usual = UsualActivity.learn(autumn, LONDON, london("2026-11-02T09:45"), 4);

        assertThat(usual.weeksWithData()).isEqualTo(4);
        assertThat(usual.averages()).hasSize(6 * 8);
        assertThat(usual.businessHour(new UsualActivity.Slot(DayOfWeek.MONDAY, 9))).isTrue();
        assertThat(usual.businessHour(new UsualActivity.Slot(DayOfWeek.MONDAY, 8))).isFalse();
        assertThat(usual.businessHour(new UsualActivity.Slot(DayOfWeek.SUNDAY, 12))).isFalse();
        // 6 records in each of 4 weeks: 6 per hour, a record every 10 min, times 3.
        assertThat(usual.averages().get(new UsualActivity.Slot(DayOfWeek.TUESDAY, 11))).isEqualTo(6.0);
    }

    @Test
    void silence_well_into_the_opening_hours_fires() {
        Instant now = london("2026-11-02T09:45");
        UsualActivity.Verdict verdict = UsualActivity.learn(autumn, LONDON, now, 4)
                .judge(now, lastSaturdayOrder, 3.0, MINIMUM);

        assertThat(verdict.silent()).isTrue();
        assertThat(verdict.expectedGap()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void an_hour_before_opening_in_winter_time_is_not_a_business_hour_though_it_was_one_in_utc_in_summer() {
        // 08:30 GMT: in the summer weeks 08:00 UTC was 09:00 local, the opening hour.
        Instant now = Instant.parse("2026-11-02T08:30:00Z");
        UsualActivity.Verdict verdict = UsualActivity.learn(autumn, LONDON, now, 4)
                .judge(now, lastSaturdayOrder, 3.0, MINIMUM);

        assertThat(verdict.silent()).isFalse();
        assertThat(verdict.reason()).isEqualTo("outside the location's business hours");
    }

    @Test
    void the_first_minutes_after_opening_do_not_fire() {
        Instant now = london("2026-11-02T09:15");
        UsualActivity.Verdict verdict = UsualActivity.learn(autumn, LONDON, now, 4)
                .judge(now, lastSaturdayOrder, 3.0, MINIMUM);

        assertThat(verdict.silent()).isFalse();
        assertThat(verdict.reason()).isEqualTo("business hours began less than the expected gap ago");
    }

    @Test
    void a_closed_day_never_fires() {
        Instant now = london("2026-11-01T12:00");
        UsualActivity.Verdict verdict = UsualActivity.learn(autumn, LONDON, now, 4)
                .judge(now, lastSaturdayOrder, 3.0, MINIMUM);

        assertThat(verdict.silent()).isFalse();
    }

    @Test
    void a_recent_record_means_data_arrives_as_usual() {
        Instant now = london("2026-11-02T10:10");
        UsualActivity.Verdict verdict = UsualActivity.learn(autumn, LONDON, now, 4)
                .judge(now, london("2026-11-02T09:55"), 3.0, MINIMUM);

        assertThat(verdict.silent()).isFalse();
        assertThat(verdict.reason()).isEqualTo("records arrive as usual");
    }

    @Test
    void business_hours_hold_in_local_time_across_the_spring_clock_change() {
        // The clocks went forward on Sunday 29 March 2026.
        Map<Instant, Long> spring = shop(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-04-04"), 6);
        Instant opening = london("2026-04-06T09:45");
        Instant early = london("2026-04-06T08:30");
        Instant saturday = london("2026-04-04T16:59");

        assertThat(UsualActivity.learn(spring, LONDON, opening, 4).judge(opening, saturday, 3.0, MINIMUM).silent()).isTrue();
        assertThat(UsualActivity.learn(spring, LONDON, early, 4).judge(early, saturday, 3.0, MINIMUM).silent()).isFalse();
    }

    @Test
    void a_quiet_location_gets_a_longer_expected_gap_than_the_minimum() {
        Map<Instant, Long> quiet = shop(LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-31"), 2);
        Instant now = london("2026-11-02T10:40");
        UsualActivity usual = UsualActivity.learn(quiet, LONDON, now, 4);

        // 2 per hour: one every 30 min, times 3.
        assertThat(usual.judge(now, london("2026-11-02T10:00"), 3.0, MINIMUM))
                .isEqualTo(new UsualActivity.Verdict(false, Duration.ofMinutes(90), "records arrive as usual"));
        Instant opened = london("2026-11-02T10:20");
        assertThat(UsualActivity.learn(quiet, LONDON, opened, 4).judge(opened, lastSaturdayOrder, 3.0, MINIMUM).reason())
                .isEqualTo("business hours began less than the expected gap ago");
        Instant later = london("2026-11-02T11:00");
        assertThat(UsualActivity.learn(quiet, LONDON, later, 4).judge(later, lastSaturdayOrder, 3.0, MINIMUM).silent())
                .isTrue();
    }

    @Test
    void fewer_than_two_weeks_of_history_never_fire() {
        Map<Instant, Long> young = shop(LocalDate.parse("2026-10-27"), LocalDate.parse("2026-10-31"), 6);
        Instant now = london("2026-11-02T12:00");

        UsualActivity.Verdict verdict = UsualActivity.learn(young, LONDON, now, 4).judge(now, lastSaturdayOrder, 3.0, MINIMUM);

        assertThat(verdict.silent()).isFalse();
        assertThat(verdict.reason()).startsWith("fewer than 2 weeks");
    }
}
