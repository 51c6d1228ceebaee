package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A row that does not fit its columns is still a record, with its problems named by line. */
class RowProblemsTest {

    private static List<SourceRecord> read(String text) {
        return Sheets.readUpload("sales.csv", text.getBytes(StandardCharsets.UTF_8), Sheets.defaults());
    }

    private static String sample(int rows) {
        StringBuilder csv = new StringBuilder("item,amount\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("item ").append(i).append(',').append(i).append(".50\n");
        }
        return csv.toString();
    }

    @Test
    void a_cell_not_of_its_columns_type_is_a_problem_naming_the_line_the_value_and_the_column() {
        // 40 rows after the header (line 1), then a bad one on line 42.
        List<SourceRecord> rows = read(sample(40) + "item 41,abc\n");

        SourceRecord bad = rows.get(40);
        assertThat(Sheets.problems(bad)).singleElement().satisfies(problem -> {
            assertThat(problem).containsEntry("field", "amount").containsEntry("value", "abc");
            assertThat(problem.get("message")).isEqualTo("line 42: 'abc' in column amount is not a decimal");
        });
        assertThat(bad.data()).containsEntry("amount", "abc").containsEntry("item", "item 41");
        assertThat(rows.subList(0, 40)).allMatch(r -> !r.data().containsKey(SourceRecord.PROBLEMS));
    }

    @Test
    void line_numbers_count_the_line_breaks_inside_quoted_cells_and_blank_lines() {
        // Lines: header 1, rows 2-31, a quoted cell over 32-34, a blank line 35, the bad row 36.
        List<SourceRecord> rows = read(sample(30) + "\"item\nwith two\nbreaks\",1.50\n\nitem 32,oops\n");

        assertThat(rows).hasSize(32);
        assertThat(rows.get(30).data()).containsEntry("item", "item\nwith two\nbreaks");
        assertThat(Sheets.problems(rows.get(31))).singleElement()
                .satisfies(p -> assertThat(p.get("message")).asString().startsWith("line 36: 'oops'"));
    }

    @Test
    void more_cells_than_the_header_has_is_a_problem_on_the_row() {
        List<SourceRecord> rows = read("item,amount\ncoffee,2.50,surplus\ntea,1.50,,\n");

        assertThat(Sheets.problems(rows.get(0))).singleElement().satisfies(p -> {
            assertThat(p.get("field")).isNull();
            assertThat(p).containsEntry("message", "line 2: 3 cells, but the header has 2 columns")
                    .containsEntry("value", "surplus");
        });
        assertThat(Sheets.problems(rows.get(1))).as("empty trailing cells are no problem").isEmpty();
    }

    @Test
    void bytes_that_are_not_valid_in_the_encoding_are_a_problem() {
        // The file is valid UTF-8 at the start (so detected as UTF-8); the last line holds a lone 0xE9.
        StringBuilder start = new StringBuilder("name,qty\n");
        for (int i = 0; i < 10_000; i++) {
            start.append("row").append(i).append(",1\n");
        }
        byte[] head = start.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = {'C', 'a', 'f', (byte) 0xE9, ',', '2', '\n'};
        byte[] bytes = new byte[head.length + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, head.length, tail.length);

        List<SourceRecord> rows = Sheets.readUpload("mixed.csv", bytes, Sheets.defaults());

        SourceRecord last = rows.get(rows.size() - 1);
        assertThat(Sheets.problems(last)).singleElement().satisfies(p -> assertThat(p.get("message"))
                .isEqualTo("line 10002: column name holds bytes that are not valid UTF-8 (set the connection's encoding)"));
        assertThat(last.data()).containsEntry("qty", new BigDecimal("2"));
    }

    @Test
    void an_empty_key_cell_is_a_problem_and_the_row_is_keyed_by_its_content() {
        List<SourceRecord> rows = Sheets.readUpload("k.csv", "id,amount\nA1,1.00\n,2.00\n".getBytes(StandardCharsets.UTF_8),
                Sheets.config("id", null, null, null, null, null));

        assertThat(rows.get(0).key()).isEqualTo("A1");
        assertThat(rows.get(1).key()).hasSize(32);
        assertThat(Sheets.problems(rows.get(1))).extracting(p -> p.get("message"))
                .containsExactly("line 3: key column id is empty");
    }

    @Test
    void problems_are_plain_maps_with_field_message_and_value() {
        SourceRecord bad = read(sample(30) + "x,y\n").get(30);

        List<Map<String, Object>> problems = Sheets.problems(bad);
        assertThat(problems.get(0)).containsOnlyKeys("field", "message", "value");
    }
}
