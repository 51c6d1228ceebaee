package io.tillbridge.kpis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.problems.ProblemException;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KpiQueryTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void without_parameters_it_covers_the_30_days_to_today_by_day() {
        KpiQuery query = KpiQuery.parse(null, "", null, null, TODAY);
        assertThat(query.from()).isEqualTo(LocalDate.of(2026, 11, 8));
        assertThat(query.to()).isEqualTo(TODAY);
        assertThat(query.days()).isEqualTo(30);
        assertThat(query.period()).isEqualTo(KpiPeriod.DAY);
        assertThat(query.integrationId()).isNull();
    }

    @Test
    void a_given_to_moves_the_default_from_with_it() {
        KpiQuery query = KpiQuery.parse(null, "2026-02-28", "month", null, TODAY);
        assertThat(query.from()).isEqualTo(LocalDate.of(2026, 1, 30));
        assertThat(query.period()).isEqualTo(KpiPeriod.MONTH);
    }

    @Test
    void a_range_of_400_days_is_allowed_and_401_refused() {
        assertThat(KpiQuery.parse("2025-01-01", "2026-02-04", null, null, TODAY).days()).isEqualTo(400);
        assertThatThrownBy(() -> KpiQuery.parse("2025-01-01", "2026-02-05", null, null, TODAY))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("The range covers 401 days; at most 400 are allowed.");
    }

    @Test
    void a_long_bad_value_is_cut_in_the_message() {
        String junk = "x".repeat(5000);
        assertThatThrownBy(() -> KpiQuery.parse(null, null, junk, null, TODAY)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    }

    @Test
    void an_integration_id_is_parsed() {
        UUID id = UUID.randomUUID();
        assertThat(KpiQuery.parse(null, null, "week", id.toString(), TODAY).integrationId()).isEqualTo(id);
    }

    @Test
    void weeks_start_on_monday_and_months_on_the_first() {
        LocalDate sunday = LocalDate.of(2026, 11, 15);
        assertThat(KpiPeriod.WEEK.start(sunday)).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(KpiPeriod.WEEK.start(LocalDate.of(2026, 11, 9))).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(KpiPeriod.MONTH.start(sunday)).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(KpiPeriod.MONTH.next(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(KpiService.buckets(KpiQuery.parse("2026-11-04", "2026-11-16", "week", null, TODAY)))
                .containsExactly(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16));
    }
}
