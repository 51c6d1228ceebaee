package io.tillbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessDayCloseTest {

    private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void the_day_before_ends_at_the_close_out_hour_of_the_next_local_day() {
        assertThat(BusinessDayClose.lastEndedDay(Instant.parse("2026-12-07T03:59:59Z"), DUBLIN, 4))
                .isEqualTo(LocalDate.parse("2026-12-05"));
        assertThat(BusinessDayClose.lastEndedDay(Instant.parse("2026-12-07T04:00:00Z"), DUBLIN, 4))
                .isEqualTo(LocalDate.parse("2026-12-06"));
    }

    @Test
    void a_close_out_at_midnight_ends_the_calendar_day() {
        assertThat(BusinessDayClose.lastEndedDay(Instant.parse("2026-12-07T05:00:00Z"), NEW_YORK, 0))
                .isEqualTo(LocalDate.parse("2026-12-06"));
        assertThat(BusinessDayClose.lastEndedDay(Instant.parse("2026-12-07T04:59:00Z"), NEW_YORK, 0))
                .isEqualTo(LocalDate.parse("2026-12-05"));
    }

    @Test
    void across_the_spring_change_a_close_out_in_the_missing_hour_moves_to_the_hour_after() {
        // 8 March 2026 in New York: 02:00 does not exist; the day of the 7th ends at 03:00 EDT (07:00 UTC).
        assertThat(BusinessDayClose.startOf(LocalDate.parse("2026-03-08"), NEW_YORK, 2))
                .isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(BusinessDayClose.lastEndedDay(Instant.parse("2026-03-08T06:59:00Z"), NEW_YORK, 2))
                .isEqualTo(LocalDate.parse("2026-03-06"));
        assertThat(BusinessDayClose.lastEndedDay(Instant.parse("2026-03-08T07:00:00Z"), NEW_YORK, 2))
                .isEqualTo(LocalDate.parse("2026-03-07"));
    }
}
