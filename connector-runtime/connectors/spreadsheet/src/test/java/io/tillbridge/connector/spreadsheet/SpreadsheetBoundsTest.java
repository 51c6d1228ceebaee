package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.junit.jupiter.api.Test;

/** What a hostile or broken file can make the source do: a problem on a row, or a readable CONFIG failure. */
class SpreadsheetBoundsTest {

    private static List<SourceRecord> read(String name, byte[] bytes) {
        return Sheets.readUpload(name, bytes, Sheets.defaults());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_cell_over_the_limit_is_a_problem_on_its_row_and_its_text_is_not_kept() {
        String huge = "x".repeat(SpreadsheetLimits.MAX_CELL_CHARS + 1);

        List<SourceRecord> rows = read("big.csv", utf8("id,note\n1,short\n2," + huge + "\n3,fine\n"));

        assertThat(rows).hasSize(3);
        SourceRecord bad = rows.get(1);
        assertThat(bad.data()).containsEntry("note", null);
        assertThat(Sheets.problems(bad)).singleElement().satisfies(p -> {
            assertThat(p.get("message")).isEqualTo("line 3: the cell in column note is longer than 32 KiB (32769 characters)");
            assertThat((String) p.get("value")).hasSizeLessThan(200);
        });
        assertThat(rows.get(2).data()).containsEntry("note", "fine");
    }

    @Test
    void a_table_wider_than_the_limit_is_refused() {
        StringBuilder header = new StringBuilder();
        for (int c = 0; c <= SpreadsheetLimits.MAX_COLUMNS; c++) {
            header.append(c == 0 ? "" : ",").append("c").append(c);
        }

        assertThatThrownBy(() -> read("wide.csv", utf8(header + "\n")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("wide.csv has more than 1000 columns; at most 1000 are read")
                .satisfies(e -> assertThat(((ConnectorException) e).category()).isEqualTo(ConnectorException.Category.CONFIG));
    }

    @Test
    void a_quote_that_is_never_closed_fails_the_read_before_the_rest_of_the_file_is_held() {
        String rest = ("more,text\n").repeat(SpreadsheetLimits.MAX_RECORD_CHARS / 10 + 10);

        assertThatThrownBy(() -> read("broken.csv", utf8("a,b\n1,2\n3,\"unclosed\n" + rest)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("broken.csv: the record that starts on line 3 is longer than 1024 KiB characters");
    }

    @Test
    void an_inch_mark_inside_an_unquoted_cell_is_text_and_opens_no_quote() {
        String rest = "coffee,2.50\n".repeat(SpreadsheetLimits.MAX_RECORD_CHARS / 12 + 1000);

        List<SourceRecord> rows = read("menu.csv", utf8("item,price\nPizza 12\",9.50\n" + rest));

        assertThat(rows.get(0).data()).containsEntry("item", "Pizza 12\"");
        assertThat(rows).hasSize(SpreadsheetLimits.MAX_RECORD_CHARS / 12 + 1001);
    }

    @Test
    void a_file_that_is_not_a_spreadsheet_is_refused_with_a_readable_message() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        assertThatThrownBy(() -> read("photo.csv", png)).isInstanceOf(ConnectorException.class)
                .hasMessage("photo.csv is not a spreadsheet: it is neither CSV text nor an XLSX workbook");
    }

    @Test
    void an_old_xls_workbook_is_refused_with_what_to_do() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

        assertThatThrownBy(() -> read("old.xls", ole2)).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("old Excel (.xls) workbook").hasMessageContaining("save it as .xlsx or CSV");
    }

    @Test
    void a_zip_that_is_no_workbook_is_refused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(utf8("hello"));
        }

        assertThatThrownBy(() -> read("archive.zip", bytes.toByteArray())).isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("archive.zip is not an XLSX workbook");
    }

    @Test
    void an_xlsx_zip_bomb_is_refused() throws IOException {
        byte[] workbook = Sheets.xlsx(wb -> {
            XSSFSheet sheet = wb.createSheet("Sales");
            sheet.createRow(0).createCell(0).setCellValue("item");
        });
        // The same workbook with its sheet's XML padded by 50 MB of spaces, which deflate ~1000 times.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(workbook));
                ZipOutputStream out = new ZipOutputStream(bomb)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int data = xml.indexOf("<sheetData>");
                    out.write(utf8(xml.substring(0, data)));
                    byte[] spaces = new byte[1024 * 1024];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 50; i++) {
                        out.write(spaces);
                    }
                    out.write(utf8(xml.substring(data)));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        assertThat(bomb.size()).isLessThan(1024 * 1024);

        assertThatThrownBy(() -> read("bomb.xlsx", bomb.toByteArray())).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("bomb.xlsx expands to far more than its size").hasMessageContaining("zip bomb");
    }

    @Test
    void an_unknown_sheet_is_a_config_failure_naming_the_sheets() {
        byte[] workbook = Sheets.xlsx(wb -> {
            wb.createSheet("Sales").createRow(0).createCell(0).setCellValue("item");
            wb.createSheet("Stock").createRow(0).createCell(0).setCellValue("sku");
        });

        assertThatThrownBy(() -> Sheets.readUpload("book.xlsx", workbook,
                Sheets.config(null, null, null, null, null, "Refunds")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("book.xlsx has no sheet named 'Refunds'; its sheets are: Sales, Stock");
    }

    @Test
    void key_columns_that_the_file_does_not_have_are_a_config_failure() {
        assertThatThrownBy(() -> Sheets.readUpload("o.csv", utf8("a,b\n1,2\n"), Sheets.config("id", null, null, null, null, null)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("key column 'id' is not a column of o.csv; its columns are: a, b");
    }

    @Test
    void malformed_settings_are_named_by_check_without_reading() {
        SpreadsheetSourceConfig config = new SpreadsheetSourceConfig("ftp://example.com/x.csv", null, null, "a,,b",
                "amount:money", "::", "no-such-charset", null, "bad name");

        assertThat(config.problems()).containsExactly(
                "file URL must be an absolute https or http URL",
                "delimiter must be auto or one character other than a quote or a line break",
                "encoding 'no-such-charset' is not a charset this platform knows",
                "key columns must be column names separated by commas",
                "column types must be column:type pairs separated by commas, the types integer, decimal, boolean, date,"
                        + " date-time, text, date-dmy, date-mdy, date-time-dmy or date-time-mdy; 'amount:money' is not one",
                "stream name may hold letters, digits, _ . and - only");
    }
}
