package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows of one file into records: cells typed by the {@link TableLayout} under the column
 * names, in column order; what does not fit is kept as text and named in {@link SourceRecord#PROBLEMS}
 * with the line (CSV) or row (XLSX) number, so the runtime puts the row into the error inbox and
 * writes nothing of it.
 *
 * <p><b>Keys and versions.</b> The version is a hash of the row's cells (as text, trailing empty
 * cells ignored), so a row changes version exactly when a cell changes. The key is the key columns'
 * texts (several joined with {@code |}, a {@code |} or {@code \} inside a value escaped with
 * {@code \}); without key columns it is the row's hash, and the second, third, ... row of the same
 * file with exactly the same cells gets {@code #2}, {@code #3}: identical rows (two identical sales)
 * stay two records instead of one silently replacing the other, while reading the same file again
 * gives every row the key it had.
 */
final class RowRecords {

    /** Longest piece of a cell quoted in a message or kept as a problem's value. */
    private static final int QUOTED = 100;

    private final String stream;
    private final TableLayout layout;
    private final int[] keyIndexes;
    private final String fileName;
    private final String unit;
    private final String encoding;
    private final RowFingerprints fingerprints = new RowFingerprints();
    private final MessageDigest sha256;

    /**
     * @param keyColumns the key columns' names; empty to key rows by their content
     * @param unit "line" or "row", for messages
     * @param encoding the text encoding's name, for messages about undecodable bytes; null for XLSX
     */
    RowRecords(String stream, TableLayout layout, List<String> keyColumns, String fileName, String unit,
            String encoding) {
        this.stream = stream;
        this.layout = layout;
        this.fileName = fileName;
        this.unit = unit;
        this.encoding = encoding;
        this.keyIndexes = new int[keyColumns.size()];
        for (int i = 0; i < keyColumns.size(); i++) {
            int index = layout.indexOf(keyColumns.get(i));
            if (index < 0) {
                throw new ConnectorException(Category.CONFIG, "key column '" + keyColumns.get(i) + "' is not a column of "
                        + fileName + "; its columns are: " + String.join(", ", layout.columns()));
            }
            keyIndexes[i] = index;
        }
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts a row that an earlier read already emitted, so that the keys of the rows after it stay the same. */
    void skip(RawRow row) {
        boolean keyedByContent = keyIndexes.length == 0;
        for (int index : keyIndexes) {
            keyedByContent |= index >= row.cells().size() || row.cells().get(index).isBlank();
        }
        if (keyedByContent) {
            occurrence(hash(row.cells()), row);
        }
    }

    /** The record of a data row. */
    SourceRecord record(RawRow row) {
        List<String> cells = row.cells();
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        String where = unit + " " + row.line();
        List<String> columns = layout.columns();
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            String text = c < cells.size() ? cells.get(c) : "";
            if (text.length() > SpreadsheetLimits.MAX_CELL_CHARS) {
                problems.add(problem(column, where + ": the cell in column " + column + " is longer than "
                        + SpreadsheetLimits.MAX_CELL_CHARS / 1024 + " KiB (" + text.length() + " characters)", cut(text)));
                data.put(column, null);
                continue;
            }
            if (text.isBlank()) {
                data.put(column, null);
                continue;
            }
            if (encoding != null && text.indexOf('\uFFFD') >= 0) {
                problems.add(problem(column, where + ": column " + column + " holds bytes that are not valid "
                        + encoding + " (set the connection's encoding)", cut(text)));
                data.put(column, text);
                continue;
            }
            ColumnType type = layout.types().get(c);
            Object value = type.read(text);
            if (value == ColumnType.MISMATCH) {
                problems.add(problem(column, where + ": '" + cut(text.strip()) + "' in column " + column + " is not "
                        + type.kind().article(), cut(text)));
                data.put(column, text);
            } else {
                data.put(column, value);
            }
        }
        int extra = 0;
        String firstExtra = null;
        for (int c = columns.size(); c < cells.size(); c++) {
            if (!cells.get(c).isBlank()) {
                extra = c + 1;
                firstExtra = firstExtra == null ? cells.get(c) : firstExtra;
            }
        }
        if (extra > 0 || row.cutCells() > 0) {
            int width = row.cutCells() > 0 ? SpreadsheetLimits.MAX_COLUMNS + row.cutCells() : extra;
            problems.add(problem(null, where + ": " + width + " cells, but the " + (layout.header() ? "header has " : "table has ")
                    + columns.size() + " columns", firstExtra == null ? null : cut(firstExtra)));
        }
        byte[] hash = hash(cells);
        String key = key(cells, hash, row, problems, where);
        if (!problems.isEmpty()) {
            data.put(SourceRecord.PROBLEMS, List.copyOf(problems));
        }
        return new SourceRecord(stream, key, HexFormat.of().formatHex(hash, 0, 16), data);
    }

    private String key(List<String> cells, byte[] hash, RawRow row, List<Map<String, Object>> problems, String where) {
        if (keyIndexes.length > 0) {
            StringBuilder key = new StringBuilder();
            boolean complete = true;
            for (int i = 0; i < keyIndexes.length; i++) {
                String value = keyIndexes[i] < cells.size() ? cells.get(keyIndexes[i]).strip() : "";
                if (value.isEmpty()) {
                    String column = layout.columns().get(keyIndexes[i]);
                    problems.add(problem(column, where + ": key column " + column + " is empty", null));
                    complete = false;
                }
                if (i > 0) {
                    key.append('|');
                }
                key.append(value.replace("\\", "\\\\").replace("|", "\\|"));
            }
            if (complete) {
                return key.toString();
            }
        }
        int occurrence = occurrence(hash, row);
        String content = HexFormat.of().formatHex(hash, 0, 16);
        return occurrence == 1 ? content : content + "#" + occurrence;
    }

    private int occurrence(byte[] hash, RawRow row) {
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint = fingerprint << 8 | (hash[i] & 0xff);
        }
        int occurrence = fingerprints.add(fingerprint);
        if (occurrence < 0) {
            throw new ConnectorException(Category.CONFIG, fileName + " has more than "
                    + SpreadsheetLimits.MAX_FINGERPRINTED_ROWS + " rows (at " + unit + " " + row.line()
                    + "); set the connection's key columns to read a file this large");
        }
        return occurrence;
    }

    private byte[] hash(List<String> cells) {
        int last = cells.size();
        while (last > 0 && cells.get(last - 1).isEmpty()) {
            last--;
        }
        sha256.reset();
        for (int c = 0; c < last; c++) {
            byte[] bytes = cells.get(c).getBytes(StandardCharsets.UTF_8);
            sha256.update((byte) (bytes.length >>> 24));
            sha256.update((byte) (bytes.length >>> 16));
            sha256.update((byte) (bytes.length >>> 8));
            sha256.update((byte) bytes.length);
            sha256.update(bytes);
        }
        return sha256.digest();
    }

    private static Map<String, Object> problem(String field, String message, Object value) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("field", field);
        problem.put("message", message);
        problem.put("value", value);
        return problem;
    }

    private static String cut(String text) {
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
    }
}
