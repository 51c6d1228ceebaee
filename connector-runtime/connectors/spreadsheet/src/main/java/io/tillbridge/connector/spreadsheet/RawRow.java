package io.tillbridge.connector.spreadsheet;

import java.util.List;

/**
 * One row as the file holds it: its cells' texts, before typing.
 *
 * @param line where it starts in the file (CSV line, XLSX row number), for messages
 * @param cells the cells' texts, empty for an empty cell; never null
 * @param cutCells cells beyond {@link SpreadsheetLimits#MAX_COLUMNS} that were not kept
 */
record RawRow(long line, List<String> cells, int cutCells) {

    boolean blank() {
        return cutCells == 0 && cells.stream().allMatch(String::isBlank);
    }
}
