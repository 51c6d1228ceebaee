package io.tillbridge.connector.mapping;

import static io.tillbridge.connector.mapping.Specs.compile;
import static io.tillbridge.connector.mapping.Specs.only;
import static io.tillbridge.connector.mapping.Specs.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDayTest {

    private static final CompiledMapping NEW_YORK = compile("{'fields': [{'target': 'day', 'source': 'at',"
            + "'businessDay': {'zone': 'America/New_York', 'closeOut': '04:00'}}]}");

    private static String day(CompiledMapping mapping, String at) {
        return (String) only(mapping.map(record("{'at': '" + at + "'}"))).get("day");
    }

    @Test
    void a_sale_before_close_out_belongs_to_the_previous_business_day() {
        assertThat(day(NEW_YORK, "2026-11-27T01:30:00-05:00")).isEqualTo("2026-11-26");
        assertThat(day(NEW_YORK, "2026-11-27T04:00:00-05:00")).isEqualTo("2026-11-27");
    }

    @Test
    void the_moment_is_read_in_the_locations_zone_whatever_its_offset() {
        // 06:30 UTC is 01:30 in New York (EST): still the 26th's business day.
        assertThat(day(NEW_YORK, "2026-11-27T06:30:00Z")).isEqualTo("2026-11-26");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // Spring forward, 2026-03-08: 02:00 EST becomes 03:00 EDT.
            "2026-03-08T06:30:00Z, 2026-03-07", // 01:30 EST
            "2026-03-08T07:30:00Z, 2026-03-07", // 03:30 EDT: before close-out although 4.5 h after midnight
            "2026-03-08T08:00:00Z, 2026-03-08", // 04:00 EDT: a fixed -05:00 offset would say 03:00
            // Fall back, 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
            "2026-11-01T05:30:00Z, 2026-10-31", // 01:30 EDT
            "2026-11-01T06:30:00Z, 2026-10-31", // 01:30 EST, the second time
            "2026-11-01T08:59:00Z, 2026-10-31", // 03:59 EST
            "2026-11-01T09:00:00Z, 2026-11-01", // 04:00 EST
            "2026-11-01T08:30:00Z, 2026-10-31"  // 03:30 EST: a fixed -04:00 offset would say 04:30, the wrong day
    })
    void business_days_follow_local_time_across_daylight_saving_changes(String at, String expected) {
        assertThat(day(NEW_YORK, at)).isEqualTo(expected);
    }

    @Test
    void local_times_are_read_in_the_locations_zone() {
        assertThat(day(NEW_YORK, "2026-03-08T03:30:00")).isEqualTo("2026-03-07");
    }

    @Test
    void the_zone_may_come_from_the_record() {
        CompiledMapping m = compile("{'fields': [{'target': 'day', 'source': 'at',"
                + "'businessDay': {'zoneSource': 'location.timezone', 'closeOut': '04:00'}}]}");
        assertThat(only(m.map(record("{'at': '2026-11-27T00:30:00Z', 'location': {'timezone': 'Europe/Berlin'}}"))))
                .containsEntry("day", "2026-11-26");
        assertThat(only(m.map(record("{'at': '2026-11-27T03:30:00Z', 'location': {'timezone': 'Europe/Berlin'}}"))))
                .containsEntry("day", "2026-11-27");
        assertThat(m.map(record("{'at': '2026-11-27T03:30:00Z', 'location': {'timezone': 'Mars/Olympus'}}")).errors())
                .singleElement().satisfies(e -> assertThat(e.value()).isEqualTo("Mars/Olympus"));
    }
}
