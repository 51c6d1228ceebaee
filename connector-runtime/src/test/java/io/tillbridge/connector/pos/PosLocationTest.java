package io.tillbridge.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PosLocationTest {

    private static PosLocation location(String zone, String closeOut) {
        return new PosLocation("L1", "square", "Brew & Co", ZoneId.of(zone), LocalTime.parse(closeOut), "USD", "US",
                true);
    }

    @Test
    void a_business_day_ends_at_the_next_days_close_out_in_the_location_zone() {
        PosLocation newYork = location("America/New_York", "04:00");

        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-03-02"))).isEqualTo("2026-03-03T09:00:00Z");
        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-07-14"))).isEqualTo("2026-07-15T08:00:00Z");
    }

    @Test
    void the_business_day_over_the_fall_clock_change_is_25_hours_long() {
        PosLocation newYork = location("America/New_York", "04:00");

        // 2026-11-01 02:00 EDT the clocks go back to 01:00 EST: 04:00 on the 1st and 2nd are both EST.
        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-11-01"))).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-10-31"))).isEqualTo("2026-11-01T09:00:00Z");
        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-10-30"))).isEqualTo("2026-10-31T08:00:00Z");
    }

    @Test
    void the_business_day_over_the_spring_clock_change_is_23_hours_long() {
        PosLocation newYork = location("America/New_York", "04:00");

        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-03-06"))).isEqualTo("2026-03-07T09:00:00Z");
        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-03-07"))).isEqualTo("2026-03-08T08:00:00Z");
    }

    @Test
    void a_close_out_in_the_skipped_hour_moves_forward_with_the_clock() {
        PosLocation newYork = location("America/New_York", "02:30");

        // 02:30 does not exist on 2026-03-08 in New York: it is 03:30 EDT.
        assertThat(newYork.businessDayEnd(LocalDate.parse("2026-03-07"))).isEqualTo("2026-03-08T07:30:00Z");
    }

    @Test
    void a_sale_after_midnight_before_a_late_close_out_ends_with_its_business_day() {
        PosLocation bar = location("Europe/Berlin", "05:00");
        Instant sale = Instant.parse("2026-12-05T02:30:00Z"); // 03:30 in Berlin, Saturday night's shift

        LocalDate day = bar.businessDay(sale);

        assertThat(day).isEqualTo("2026-12-04");
        assertThat(bar.businessDayEnd(day)).isEqualTo("2026-12-05T04:00:00Z").isAfter(sale);
    }

    @Test
    void a_midnight_close_out_ends_the_day_at_the_next_local_midnight() {
        PosLocation losAngeles = location("America/Los_Angeles", "00:00");

        assertThat(losAngeles.businessDayEnd(LocalDate.parse("2026-03-02"))).isEqualTo("2026-03-03T08:00:00Z");
    }

    @Test
    void the_samples_end_each_business_day_at_their_locations_close_out() {
        Map<String, PosLocation> locations = new java.util.HashMap<>();
        for (Map<String, Object> l : PosStreamDescriptors.samples(PosStreams.LOCATIONS)) {
            locations.put((String) l.get("id"), location((String) l.get("time_zone"), (String) l.get("close_out")));
        }
        int checked = 0;
        for (String stream : List.of(PosStreams.ORDERS, PosStreams.REFUNDS, PosStreams.PAYMENTS)) {
            for (Map<String, Object> sample : PosStreamDescriptors.samples(stream)) {
                PosLocation at = locations.get((String) sample.get("location_id"));
                LocalDate day = LocalDate.parse((String) sample.get("business_day"));
                assertThat(at.businessDay(Instant.parse((String) sample.get("created_at")))).as("%s", sample.get("id"))
                        .isEqualTo(day);
                assertThat(sample.get("business_day_ends_at")).as("%s", sample.get("id"))
                        .isEqualTo(at.businessDayEnd(day).toString());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(9);
    }
}
