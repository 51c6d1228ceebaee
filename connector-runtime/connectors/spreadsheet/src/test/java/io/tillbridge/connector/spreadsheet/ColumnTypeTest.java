package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The column type rule: what a column of sampled cells is read as. */
class ColumnTypeTest {

    private static ColumnType detect(String... cells) {
        return ColumnType.detect(Arrays.asList(cells));
    }

    @Test
    void empty_cells_do_not_vote() {
        assertThat(detect("1", "", null, "  ", "2").kind()).isEqualTo(CellType.INTEGER);
        assertThat(detect("", null).kind()).isEqualTo(CellType.TEXT);
    }

    @Test
    void integers_and_decimals_together_are_decimals() {
        assertThat(detect("1", "2", "3.5").kind()).isEqualTo(CellType.DECIMAL);
        assertThat(detect("1", "-2", "+3").kind()).isEqualTo(CellType.INTEGER);
    }

    @Test
    void one_stray_value_in_a_large_sample_does_not_make_the_column_text() {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            cells.add(i + ".25");
        }
        cells.add("n/a");

        ColumnType type = ColumnType.detect(cells);

        assertThat(type.kind()).isEqualTo(CellType.DECIMAL);
        assertThat(type.read("n/a")).isSameAs(ColumnType.MISMATCH);
    }

    @Test
    void a_column_with_many_texts_is_text() {
        assertThat(detect("1", "2", "three").kind()).isEqualTo(CellType.TEXT);
    }

    @Test
    void codes_with_leading_zeros_are_text() {
        assertThat(detect("00123", "00456").kind()).isEqualTo(CellType.TEXT);
        assertThat(detect("0", "0.5").kind()).isEqualTo(CellType.DECIMAL);
    }

    @Test
    void booleans_are_true_and_false_in_any_case() {
        ColumnType type = detect("TRUE", "false", "True");

        assertThat(type.kind()).isEqualTo(CellType.BOOLEAN);
        assertThat(type.read("FALSE")).isEqualTo(false);
        assertThat(type.read("yes")).isSameAs(ColumnType.MISMATCH);
    }

    @Test
    void slash_dates_take_the_order_that_an_unambiguous_value_shows() {
        ColumnType dayFirst = detect("01/02/2026", "13/02/2026");
        ColumnType monthFirst = detect("01/02/2026", "02/13/2026");

        assertThat(dayFirst.kind()).isEqualTo(CellType.DATE);
        assertThat(dayFirst.read("01/02/2026")).isEqualTo("2026-02-01");
        assertThat(monthFirst.kind()).isEqualTo(CellType.DATE);
        assertThat(monthFirst.read("01/02/2026")).isEqualTo("2026-01-02");
    }

    @Test
    void a_date_column_without_slash_dates_refuses_an_ambiguous_one_later() {
        ColumnType type = detect("2026-12-06", "2026-12-07");

        assertThat(type.read("06.12.2026")).isEqualTo("2026-12-06");
        assertThat(type.read("13/12/2026")).isEqualTo("2026-12-13");
        assertThat(type.read("06/12/2026")).isSameAs(ColumnType.MISMATCH);
    }

    @Test
    void impossible_dates_are_not_dates() {
        assertThat(detect("2026-02-30", "2026-13-01").kind()).isEqualTo(CellType.TEXT);
    }

    @Test
    void date_times_keep_their_offset_and_gain_seconds() {
        ColumnType type = detect("2026-12-06T14:30:00+01:00", "2026-12-06 08:00");

        assertThat(type.kind()).isEqualTo(CellType.DATE_TIME);
        assertThat(type.read("2026-12-06T14:30:00+01:00")).isEqualTo("2026-12-06T14:30:00+01:00");
        assertThat(type.read("2026-12-06 08:00")).isEqualTo("2026-12-06T08:00:00");
        assertThat(type.read("06.12.2026 08:00:15.5")).isEqualTo("2026-12-06T08:00:15.5");
    }

    @Test
    void decimal_commas_are_read_when_the_column_shows_them_unambiguously() {
        ColumnType type = detect("3,50", "12,5");

        assertThat(type.kind()).isEqualTo(CellType.DECIMAL);
        assertThat(type.read("3,50")).isEqualTo(new BigDecimal("3.50"));
        assertThat(detect("1,234", "5,678").kind()).isEqualTo(CellType.TEXT);
    }
}
