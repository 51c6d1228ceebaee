package io.tillbridge.connector.warehouse.internal;

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

    @Test
    void the_byte_buffer_writes_exactly_the_utf8_of_the_text_rows() {
        java.util.List<java.util.List<String>> rows = java.util.List.of(
                Arrays.asList("a\\b", "c\td", "e\nf", "g\rh"),
                Arrays.asList(null, "", "\\N"),
                Arrays.asList("é ß 中文 🧾 e\u0301", "quotes ' and \"", "\u07ff\u0800\uffff"),
                Arrays.asList("x".repeat(70_000), "\t".repeat(40_000)));
        CopyTextFormat.Buffer buffer = new CopyTextFormat.Buffer();
        StringBuilder text = new StringBuilder();
        for (java.util.List<String> values : rows) {
            buffer.appendRow(values);
            CopyTextFormat.appendRow(text, values);
        }
        byte[] written = Arrays.copyOf(buffer.bytes(), buffer.length());
        assertThat(written).isEqualTo(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        buffer.clear();
        assertThat(buffer.length()).isZero();
    }

    private static String row(String... values) {
        StringBuilder out = new StringBuilder();
        CopyTextFormat.appendRow(out, Arrays.asList(values));
        return out.toString();
    }
}
