package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the source detects in a CSV file: delimiter, encoding, header and column types. */
class CsvDetectionTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static List<SourceRecord> read(String text) {
        return Sheets.readUpload("file.csv", text.getBytes(StandardCharsets.UTF_8), Sheets.defaults());
    }

    @Test
    void semicolon_files_with_decimal_commas_are_split_on_the_semicolon() {
        List<SourceRecord> rows = read("artikel;menge;preis\nKaffee;2;3,50\nKuchen;1;4,20\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).data()).containsEntry("artikel", "Kaffee").containsEntry("menge", new BigDecimal("2"))
                .containsEntry("preis", new BigDecimal("3.50"));
        assertThat(Sheets.problems(rows.get(0))).isEmpty();
    }

    @Test
    void tab_separated_files_are_split_on_the_tab() {
        List<SourceRecord> rows = read("sku\tname\tqty\nA-1\tEspresso, double\t3\nA-2\tLatte\t5\n");

        assertThat(rows.get(0).data()).containsEntry("sku", "A-1").containsEntry("name", "Espresso, double")
                .containsEntry("qty", new BigDecimal("3"));
    }

    @Test
    void a_set_delimiter_wins_over_detection() {
        byte[] bytes = "a,b|c\nx,y|3\n".getBytes(StandardCharsets.UTF_8);

        List<SourceRecord> detected = Sheets.readUpload("file.csv", bytes, Sheets.defaults());
        List<SourceRecord> set = Sheets.readUpload("file.csv", bytes, Sheets.config(null, null, "|", null, null, null));

        assertThat(detected.get(0).data()).containsOnlyKeys("a", "b|c");
        assertThat(set.get(0).data()).containsEntry("a,b", "x,y").containsEntry("c", new BigDecimal("3"));
    }

    @Test
    void windows_1252_text_is_read_with_its_accents() {
        byte[] bytes = "produit,prix\nCrème brûlée,6.50\nCafé,2.10\n".getBytes(WINDOWS_1252);

        List<SourceRecord> rows = Sheets.readUpload("ventes.csv", bytes, Sheets.defaults());

        assertThat(rows).extracting(r -> r.data().get("produit")).containsExactly("Crème brûlée", "Café");
        assertThat(rows).allMatch(r -> Sheets.problems(r).isEmpty());
    }

    @Test
    void iso_8859_1_text_reads_right_without_setting_an_encoding_and_with_it() {
        byte[] bytes = "name,city\nJosé,Málaga\nRenée,Zürich\n".getBytes(StandardCharsets.ISO_8859_1);

        List<SourceRecord> detected = Sheets.readUpload("people.csv", bytes, Sheets.defaults());
        List<SourceRecord> named = Sheets.readUpload("people.csv", bytes,
                Sheets.config(null, null, null, "ISO-8859-1", null, null));

        assertThat(detected).extracting(r -> r.data().get("city")).containsExactly("Málaga", "Zürich");
        assertThat(named).extracting(r -> r.data().get("city")).containsExactly("Málaga", "Zürich");
    }

    @Test
    void a_utf8_byte_order_mark_is_skipped_and_not_part_of_the_first_column_name() {
        byte[] text = "id,name\n1,Crêpe\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);

        List<SourceRecord> rows = Sheets.readUpload("bom.csv", bytes, Sheets.defaults());

        assertThat(rows.get(0).data()).containsOnlyKeys("id", "name").containsEntry("name", "Crêpe");
    }

    @Test
    void utf16_with_a_byte_order_mark_is_read() {
        byte[] bytes = "\uFEFFitem\tprice\nTee\t2.00\n".getBytes(StandardCharsets.UTF_16LE);

        List<SourceRecord> rows = Sheets.readUpload("export.txt", bytes, Sheets.defaults());

        assertThat(rows.get(0).data()).containsEntry("item", "Tee").containsEntry("price", new BigDecimal("2.00"));
    }

    @Test
    void a_file_whose_first_row_holds_numbers_has_no_header() {
        List<SourceRecord> rows = read("1001,12.50,2026-12-06\n1002,3.00,2026-12-07\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).data()).containsOnlyKeys("column_1", "column_2", "column_3")
                .containsEntry("column_1", new BigDecimal("1001")).containsEntry("column_3", "2026-12-06");
    }

    @Test
    void header_no_keeps_a_text_first_row_as_data() {
        List<SourceRecord> rows = Sheets.readUpload("f.csv", "alpha,beta\ngamma,delta\n".getBytes(StandardCharsets.UTF_8),
                Sheets.config(null, null, null, null, SpreadsheetSourceConfig.Header.no, null));

        assertThat(rows).extracting(r -> r.data().get("column_1")).containsExactly("alpha", "gamma");
    }

    @Test
    void leading_zeros_stay_text_and_decimals_keep_their_scale() {
        List<SourceRecord> rows = read("code,amount\n00123,10.50\n00456,7.000\n");

        assertThat(rows.get(0).data()).containsEntry("code", "00123");
        assertThat((BigDecimal) rows.get(0).data().get("amount")).isEqualByComparingTo("10.5").hasScaleOf(2);
        assertThat((BigDecimal) rows.get(1).data().get("amount")).hasScaleOf(3);
    }

    @Test
    void dates_are_read_to_iso_in_the_forms_spreadsheets_write() {
        List<SourceRecord> rows = read("""
                iso,dotted,day_first,month_first,at
                2026-12-06,06.12.2026,06/12/2026,12/06/2026,2026-12-06 14:30
                2026-12-24,24.12.2026,24/12/2026,12/24/2026,2026-12-24T09:05:10Z
                """);

        assertThat(rows.get(0).data()).containsEntry("iso", "2026-12-06").containsEntry("dotted", "2026-12-06")
                .containsEntry("day_first", "2026-12-06").containsEntry("month_first", "2026-12-06")
                .containsEntry("at", "2026-12-06T14:30:00");
        assertThat(rows.get(1).data()).containsEntry("month_first", "2026-12-24").containsEntry("at", "2026-12-24T09:05:10Z");
    }

    @Test
    void slash_dates_that_every_row_could_read_either_way_stay_text() {
        List<SourceRecord> rows = read("sold_on,qty\n06/12/2026,1\n07/11/2026,2\n");

        assertThat(rows.get(0).data()).containsEntry("sold_on", "06/12/2026");
        assertThat(Sheets.problems(rows.get(0))).isEmpty();
    }

    @Test
    void a_column_mixing_day_first_and_month_first_dates_stays_text() {
        List<SourceRecord> rows = read("d\n13/06/2026\n06/13/2026\n");

        assertThat(rows).extracting(r -> r.data().get("d")).containsExactly("13/06/2026", "06/13/2026");
    }

    @Test
    void a_column_of_thousands_with_commas_is_not_read_as_decimals() {
        List<SourceRecord> rows = read("a;b\n\"1,234\";x\n\"5,678\";y\n");

        assertThat(rows.get(0).data()).containsEntry("a", "1,234");
    }

    @Test
    void discovery_shows_the_detected_types_and_samples_before_anything_is_imported() {
        StreamDescriptor stream = Sheets.discoverUpload("orders.csv", """
                order_id,amount,paid,sold_on,note
                A1,12.50,true,2026-12-06,
                A2,3.00,false,2026-12-07,late
                """.getBytes(StandardCharsets.UTF_8), Sheets.config("order_id", null, null, null, null, null))
                .streams().get(0);

        assertThat(stream.name()).isEqualTo("rows");
        assertThat(stream.keyField()).isEqualTo("order_id");
        assertThat(stream.fields()).extracting(FieldDescriptor::name)
                .containsExactly("order_id", "amount", "paid", "sold_on", "note");
        assertThat(stream.fields()).extracting(FieldDescriptor::type)
                .containsExactly(FieldType.STRING, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.STRING, FieldType.STRING);
        assertThat(stream.fields()).extracting(FieldDescriptor::format)
                .containsExactly("text", "decimal", "boolean", "date", "text");
        assertThat(stream.fields().get(1).samples()).containsExactly(new BigDecimal("12.50"), new BigDecimal("3.00"));
        assertThat(stream.fields().get(3).samples()).containsExactly("2026-12-06", "2026-12-07");
        assertThat(stream.fields().get(4).nullable()).isTrue();
    }

    @Test
    void column_types_set_in_the_config_replace_the_detected_ones() {
        List<SourceRecord> rows = Sheets.readUpload("f.csv", "code,sold_on\n123,06/12/2026\n456,07/11/2026\n"
                .getBytes(StandardCharsets.UTF_8), Sheets.config(null, "code:text,sold_on:date-mdy", null, null, null, null));

        assertThat(rows.get(0).data()).containsEntry("code", "123").containsEntry("sold_on", "2026-06-12");
    }
}
