package io.tillbridge.connector.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyTextFormatTest {

    @Test
    void backslash_tab_newline_and_carriage_return_are_escaped() {
        assertThat(row("a\\b", "c\td", "e\nf", "g\rh")).isEqualTo("a\\\\b\tc\\td\te\\nf\tg\\rh\n");
    }

    @Test
    void null_is_backslash_n_and_the_empty_string_stays_empty() {
        assertThat(row(null, "", "\\N")).isEqualTo("\\N\t\t\\\\N\n");
    }

    @Test
    void unicode_and_quotes_pass_as_they_are() {
        assertThat(row("é 🧾 '\"")).isEqualTo("é 🧾 '\"\n");
    }

    private static String row(String... values) {
        StringBuilder out = new StringBuilder();
        CopyTextFormat.appendRow(out, Arrays.asList(values));
        return out.toString();
    }
}
