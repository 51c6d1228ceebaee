package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a table: whether its first row is a header, the columns' names and how each is
 * read. Decided from the first rows of the file ({@link SpreadsheetLimits#SAMPLE_ROWS}), then held
 * for the whole read: the same bytes give the same layout, so a read resumed mid-file types its rows
 * as the first attempt did.
 *
 * <p><b>Header rule</b> ({@code header = auto}). The first row is a header when all its cells are
 * distinct, non-empty and text (none reads as a number, date or boolean), and either some column
 * below holds typed values (numbers, dates, booleans), or, in a table of text only, no cell of the
 * first row appears again in its column below. A table of one row is a header. Without a header
 * the columns are named {@code column_1}, {@code column_2}, ...; an empty header cell is named the
 * same way and a repeated name gets {@code _2}, {@code _3}.
 *
 * @param header whether the first row is a header (and not data)
 * @param columns the columns' names, in file order
 * @param types how each column is read
 */
record TableLayout(boolean header, List<String> columns, List<ColumnType> types) {

    TableLayout {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
    }

    /**
     * The layout of a table whose first rows are {@code sample}.
     *
     * @param header true, false, or null to detect
     * @param overrides column name (case-insensitive) to type, from the {@code columnTypes} setting
     * @param name the file, for messages
     */
    static TableLayout detect(List<RawRow> sample, Boolean header, Map<String, ColumnType> overrides, String name) {
        int widest = 0;
        for (RawRow row : sample) {
            widest = Math.max(widest, row.cells().size() + row.cutCells());
        }
        boolean hasHeader = header != null ? header && !sample.isEmpty() : looksLikeHeader(sample, widest);
        List<RawRow> data = hasHeader ? sample.subList(1, sample.size()) : sample;
        // With a header, the header sets the columns (longer rows get a problem); without, the widest row.
        int width = hasHeader ? sample.get(0).cells().size() + sample.get(0).cutCells() : widest;
        if (width > SpreadsheetLimits.MAX_COLUMNS) {
            throw new ConnectorException(Category.CONFIG, name + " has more than " + SpreadsheetLimits.MAX_COLUMNS
                    + " columns; at most " + SpreadsheetLimits.MAX_COLUMNS + " are read");
        }
        List<String> columns = names(hasHeader ? sample.get(0).cells() : List.of(), width);
        Map<String, ColumnType> byName = new LinkedHashMap<>();
        overrides.forEach((column, type) -> byName.put(column.toLowerCase(Locale.ROOT), type));
        List<ColumnType> types = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            ColumnType forced = byName.remove(columns.get(c).toLowerCase(Locale.ROOT));
            ColumnType detected = ColumnType.detect(column(data, c));
            types.add(forced != null ? forced.over(detected) : detected);
        }
        if (!byName.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, "column types name " + String.join(", ", byName.keySet())
                    + ", which " + (byName.size() == 1 ? "is not a column" : "are not columns") + " of " + name
                    + "; its columns are: " + String.join(", ", columns));
        }
        return new TableLayout(hasHeader, columns, types);
    }

    /** The index of a column by name (case-insensitive), or -1. */
    int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column.strip())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean looksLikeHeader(List<RawRow> sample, int width) {
        if (sample.isEmpty()) {
            return false;
        }
        List<String> first = sample.get(0).cells();
        Set<String> seen = new HashSet<>();
        for (String cell : first) {
            if (cell.isBlank() || !seen.add(cell.strip().toLowerCase(Locale.ROOT))
                    || ColumnType.detect(List.of(cell)).kind() != CellType.TEXT) {
                return false;
            }
        }
        if (sample.size() == 1) {
            return true;
        }
        List<RawRow> below = sample.subList(1, sample.size());
        boolean typedBelow = false;
        boolean repeatsBelow = false;
        for (int c = 0; c < Math.min(width, first.size()); c++) {
            List<String> cells = column(below, c);
            typedBelow |= ColumnType.detect(cells).kind() != CellType.TEXT;
            String head = first.get(c).strip();
            repeatsBelow |= cells.stream().anyMatch(cell -> cell != null && cell.strip().equalsIgnoreCase(head));
        }
        return typedBelow || !repeatsBelow;
    }

    private static List<String> column(List<RawRow> rows, int c) {
        List<String> cells = new ArrayList<>(rows.size());
        for (RawRow row : rows) {
            cells.add(c < row.cells().size() ? row.cells().get(c) : null);
        }
        return cells;
    }

    private static List<String> names(List<String> header, int width) {
        List<String> names = new ArrayList<>(width);
        Set<String> taken = new HashSet<>();
        for (int c = 0; c < width; c++) {
            String base = c < header.size() && !header.get(c).isBlank() ? header.get(c).strip() : "column_" + (c + 1);
            if (base.length() > 200) {
                base = base.substring(0, 200);
            }
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "_" + n;
            }
            names.add(name);
        }
        return names;
    }
}
