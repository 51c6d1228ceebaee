package io.tillbridge.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Renders an output file's rows, page by page as they are read, into CSV or XLSX (DD-038). Columns
 * come in the object's stored order, a header row first; a row without a cell for a column leaves it
 * empty.
 *
 * <p>CSV (Apache Commons CSV): UTF-8, RFC 4180 quoting, CRLF line ends; a number is written plainly
 * ({@code 12.50}, never {@code 1.25E+1}); {@code true}/{@code false}; null empty. Text that a
 * spreadsheet program would run as a formula (starting with {@code = + - @}, a tab or a carriage
 * return, and not a number) is written with a leading apostrophe (OWASP's advice on CSV injection).
 *
 * <p>XLSX (Apache POI's SXSSF): at most {@value #WINDOW} rows in memory, the rest in a compressed
 * temporary file that is deleted when the workbook is written. A number whose digits a spreadsheet
 * keeps exactly (15 significant digits or fewer) is a numeric cell shown with its scale
 * ({@code 0.00} for {@code 12.50}); a longer one stays text so that no digit is lost. Text over
 * 32,767 characters (a cell's limit) is cut with an ellipsis. Past a sheet's 1,048,576 rows the file
 * goes on in a new sheet.
 */
final class OutputSheets {

    /** Rows SXSSF keeps in memory. */
    static final int WINDOW = 100;
    /** The most digits a spreadsheet's double keeps exactly. */
    static final int EXACT_DIGITS = 15;
    private static final int MAX_CELL_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    /** Pages of rows, in order; an empty page ends the file. */
    @FunctionalInterface
    interface Pages {
        List<Map<String, Object>> next();
    }

    private OutputSheets() {
    }

    static void write(OutputFormat format, List<String> columns, String sheetName, Pages pages, OutputStream out)
            throws IOException {
        if (format == OutputFormat.XLSX) {
            xlsx(columns, sheetName, pages, out);
        } else {
            csv(columns, pages, out);
        }
    }

    static void csv(List<String> columns, Pages pages, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(writer, format);
        Object[] record = new Object[columns.size()];
        for (List<Map<String, Object>> page = pages.next(); !page.isEmpty(); page = pages.next()) {
            for (Map<String, Object> row : page) {
                for (int i = 0; i < record.length; i++) {
                    record[i] = csvText(row.get(columns.get(i)));
                }
                printer.printRecord(record);
            }
        }
        printer.flush();
        writer.flush();
    }

    static String csvText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        String text = String.valueOf(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !number(text)) {
            return "'" + text;
        }
        return text;
    }

    private static boolean number(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void xlsx(List<String> columns, String sheetName, Pages pages, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        try {
            workbook.setCompressTempFiles(true);
            Map<Integer, CellStyle> styles = new HashMap<>();
            String base = WorkbookUtil.createSafeSheetName(sheetName);
            int sheets = 1;
            SXSSFSheet sheet = newSheet(workbook, base, columns);
            int rowIndex = 1;
            int maxRows = SpreadsheetVersion.EXCEL2007.getMaxRows();
            for (List<Map<String, Object>> page = pages.next(); !page.isEmpty(); page = pages.next()) {
                for (Map<String, Object> values : page) {
                    if (rowIndex >= maxRows) {
                        sheets++;
                        String suffix = " (" + sheets + ")";
                        sheet = newSheet(workbook, WorkbookUtil.createSafeSheetName(
                                base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix), columns);
                        rowIndex = 1;
                    }
                    Row row = sheet.createRow(rowIndex++);
                    for (int i = 0; i < columns.size(); i++) {
                        Object value = values.get(columns.get(i));
                        if (value != null) {
                            cell(workbook, styles, row.createCell(i), value);
                        }
                    }
                }
            }
            workbook.write(out);
            out.flush();
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static SXSSFSheet newSheet(SXSSFWorkbook workbook, String name, List<String> columns) {
        SXSSFSheet sheet = workbook.createSheet(name);
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            header.createCell(i).setCellValue(cut(columns.get(i)));
        }
        return sheet;
    }

    private static void cell(SXSSFWorkbook workbook, Map<Integer, CellStyle> styles, Cell cell, Object value) {
        if (value instanceof BigDecimal d && d.precision() <= EXACT_DIGITS) {
            cell.setCellValue(d.doubleValue());
            cell.setCellStyle(styles.computeIfAbsent(Math.max(0, Math.min(d.scale(), EXACT_DIGITS)), scale -> {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(workbook.createDataFormat().getFormat(scale == 0 ? "0" : "0." + "0".repeat(scale)));
                return style;
            }));
        } else if (value instanceof BigDecimal d) {
            cell.setCellValue(d.toPlainString());
        } else if (value instanceof Boolean b) {
            cell.setCellValue(b);
        } else {
            cell.setCellValue(cut(String.valueOf(value)));
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_CELL_TEXT ? text : text.substring(0, MAX_CELL_TEXT - 1) + "\u2026";
    }
}
