package io.tillbridge.connector.warehouse.internal;

import static io.tillbridge.connector.warehouse.internal.WarehouseNames.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The set-based upsert of the warehouse loader's staged rows into their table (see {@link TableLoader}). */
final class UpsertSql {

    private UpsertSql() {
    }

    /**
     * The one statement that loads staged rows {@code [?, ?)}. Rows are compared as text, so that
     * {@code 1.50} replacing {@code 1.5} in an unconstrained numeric counts as a change, and so that
     * types without an equality operator ({@code json}) compare too. The join skips unchanged rows
     * before they are locked; the {@code WHERE} of {@code DO UPDATE} guards against a row that
     * changed in between.
     */
    static String of(String qualifiedTable, String stage, List<String> stagedColumns, Map<String, ColumnType> columns) {
        String keyType = columns.get(TableLoader.KEY).sqlType();
        String versionType = columns.get(TableLoader.VERSION).sqlType();
        List<String> compared = new ArrayList<>(stagedColumns);
        compared.add(TableLoader.VERSION);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualifiedTable).append(" AS t (")
                .append(quote(TableLoader.KEY));
        stagedColumns.forEach(c -> sql.append(", ").append(quote(c)));
        sql.append(", ").append(quote(TableLoader.VERSION)).append(", ").append(quote(TableLoader.LOADED_AT)).append(")\nSELECT ")
                .append(cast("s." + quote(TableLoader.KEY), keyType));
        stagedColumns.forEach(c -> sql.append(", ").append(cast("s." + quote(c), columns.get(c).sqlType())));
        sql.append(", ").append(cast("s." + quote(TableLoader.VERSION), versionType)).append(", now()\nFROM pg_temp.")
                .append(quote(stage)).append(" s\nLEFT JOIN ").append(qualifiedTable).append(" o ON o.")
                .append(quote(TableLoader.KEY)).append(" = ").append(cast("s." + quote(TableLoader.KEY), keyType))
                .append("\nWHERE s.\"_ord\" >= ? AND s.\"_ord\" < ?\n  AND (o.").append(quote(TableLoader.KEY))
                .append(" IS NULL OR ").append(rowAsText("o.", compared)).append("\n      IS DISTINCT FROM ROW(")
                .append(compared.stream().map(c -> cast(cast("s." + quote(c), columns.get(c).sqlType()), "text"))
                        .collect(Collectors.joining(", ")))
                .append("))\nON CONFLICT (").append(quote(TableLoader.KEY)).append(") DO UPDATE SET ");
        List<String> updated = new ArrayList<>(compared);
        updated.add(TableLoader.LOADED_AT);
        sql.append(updated.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", ")))
                .append("\nWHERE ").append(rowAsText("t.", compared)).append(" IS DISTINCT FROM ")
                .append(rowAsText("EXCLUDED.", compared))
                .append("\nRETURNING t.").append(quote(TableLoader.KEY)).append("::text");
        return sql.toString();
    }

    private static String rowAsText(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + quote(c) + "::text").collect(Collectors.joining(", ", "ROW(", ")"));
    }

    private static String cast(String expression, String sqlType) {
        return "CAST(" + expression + " AS " + sqlType + ")";
    }
}
