package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** XLSX workbooks, read with POI's streaming reader: shared strings, dates, numbers, sheets. */
class XlsxReadTest {

    /** A sales sheet: text (shared strings), an amount formatted 0.00, a date, a date-time, a count, a flag. */
    private static byte[] salesWorkbook() {
        return Sheets.xlsx(wb -> {
            XSSFSheet notes = wb.createSheet("Notes");
            notes.createRow(0).createCell(0).setCellValue("note");
            notes.createRow(1).createCell(0).setCellValue("read me");
            XSSFSheet sheet = wb.createSheet("Sales");
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd.mm.yyyy"));
            CellStyle stamp = wb.createCellStyle();
            stamp.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            XSSFRow header = sheet.createRow(0);
            String[] names = {"item", "amount", "sold_on", "rung_up_at", "qty", "voided", "code"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int r = 1; r <= 3; r++) {
                XSSFRow row = sheet.createRow(r);
                row.createCell(0).setCellValue(r == 2 ? "Crème brûlée" : "Coffee");
                row.createCell(1).setCellValue(1234.5 * r);
                row.getCell(1).setCellStyle(money);
                row.createCell(2).setCellValue(LocalDate.of(2026, 12, r + 5));
                row.getCell(2).setCellStyle(date);
                row.createCell(3).setCellValue(LocalDateTime.of(2026, 12, r + 5, 14, 30));
                row.getCell(3).setCellStyle(stamp);
                row.createCell(4).setCellValue(r);
                row.createCell(5).setCellValue(r == 3);
                row.createCell(6).setCellValue("00" + r);
            }
            // A gap row and a sparse row: C6 only.
            sheet.createRow(5).createCell(2).setCellValue(LocalDate.of(2026, 12, 31));
            sheet.getRow(5).getCell(2).setCellStyle(date);
        });
    }

    private final SpreadsheetSourceConfig sales = Sheets.config(null, null, null, null, null, "Sales");

    @Test
    void cells_come_typed_from_shared_strings_numbers_and_date_formats() {
        List<SourceRecord> rows = Sheets.readUpload("sales.xlsx", salesWorkbook(), sales);

        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).data()).containsEntry("item", "Crème brûlée")
                .containsEntry("amount", new BigDecimal("2469.00")).containsEntry("sold_on", "2026-12-07")
                .containsEntry("rung_up_at", "2026-12-07T14:30:00").containsEntry("qty", new BigDecimal("2"))
                .containsEntry("voided", false).containsEntry("code", "002");
        assertThat(rows.get(2).data()).containsEntry("amount", new BigDecimal("3703.50")).containsEntry("voided", true);
        assertThat(rows).allMatch(r -> Sheets.problems(r).isEmpty());
    }

    @Test
    void a_sparse_row_has_nulls_for_its_missing_cells_and_its_row_number_in_messages() {
        List<SourceRecord> rows = Sheets.readUpload("sales.xlsx", salesWorkbook(),
                Sheets.config(null, "item:integer", null, null, null, "Sales"));

        assertThat(rows.get(3).data()).containsEntry("sold_on", "2026-12-31").containsEntry("item", null)
                .containsEntry("amount", null);
        assertThat(Sheets.problems(rows.get(0))).extracting(p -> p.get("message"))
                .containsExactly("row 2: 'Coffee' in column item is not an integer");
    }

    @Test
    void the_first_sheet_is_read_when_none_is_named() {
        List<SourceRecord> rows = Sheets.readUpload("sales.xlsx", salesWorkbook(), Sheets.defaults());

        assertThat(rows).singleElement().satisfies(r -> assertThat(r.data()).containsEntry("note", "read me"));
    }

    @Test
    void discovery_of_a_workbook_shows_its_types_and_samples() {
        StreamDescriptor stream = Sheets.discoverUpload("sales.xlsx", salesWorkbook(), sales).streams().get(0);

        assertThat(stream.fields()).extracting(FieldDescriptor::type).containsExactly(FieldType.STRING, FieldType.NUMBER,
                FieldType.STRING, FieldType.STRING, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.STRING);
        assertThat(stream.fields().get(1).samples()).first().isEqualTo(new BigDecimal("1234.50"));
    }

    @Test
    void numbers_are_plain_decimals_rounded_as_excel_shows_them() {
        assertThat(RawCellFormat.number(0.1 + 0.2, "General")).isEqualTo("0.3");
        assertThat(RawCellFormat.number(1.0E-5, "General")).isEqualTo("0.00001");
        assertThat(RawCellFormat.number(1.5E15, "General")).isEqualTo("1500000000000000");
        assertThat(RawCellFormat.number(12.5, "0.000")).isEqualTo("12.500");
        assertThat(RawCellFormat.number(3, "General")).isEqualTo("3");
    }

    @Test
    void a_workbook_written_by_a_spreadsheet_program_with_inline_strings_reads_too() {
        byte[] bytes = Sheets.xlsx(XSSFWorkbook::createSheet);

        assertThat(Sheets.readUpload("empty.xlsx", bytes, Sheets.defaults())).isEmpty();
    }
}
