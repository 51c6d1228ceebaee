package io.tillbridge.connector.warehouse.internal;

import static io.tillbridge.connector.warehouse.internal.WarehouseNames.quote;

import io.tillbridge.connector.spi.WriteRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the rows that a batch would write over, for shadow mode: per idempotency key, the row's
 * values under the record's field names. A field counts as equal when the loader would store the
 * same text (the value cast to the column's type, as the upsert compares), and is then answered as
 * the record's own value; otherwise the stored value is answered in the record value model. A row
 * whose {@code _version} matches the record's content hash is the record itself.
 */
public final class CurrentRows {

    private final Connection connection;
    private final String schema;
    private final String table;

    public CurrentRows(Connection connection, String schema, String object) {
        this.connection = connection;
        this.schema = schema;
        this.table = WarehouseNames.identifier(object);
    }

    public Map<String, Map<String, Object>> read(List<WriteRecord> records) throws SQLException {
        Map<String, ColumnType> columns = WarehouseCatalog.columns(connection, schema, table);
        if (records.isEmpty() || columns.isEmpty() || !columns.containsKey(TableLoader.KEY)) {
            return Map.of();
        }
        List<String> dataColumns = columns.keySet().stream().filter(c -> !c.equals(TableLoader.KEY)
                && !c.equals(TableLoader.VERSION) && !c.equals(TableLoader.LOADED_AT)).toList();
        Map<String, WriteRecord> byKey = new LinkedHashMap<>();
        records.forEach(r -> byKey.put(r.idempotencyKey(), r));
        Map<String, Map<String, Object>> stored = new HashMap<>();
        Map<String, Map<String, String>> storedText = new HashMap<>();
        Map<String, String> versions = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(quote(TableLoader.KEY)).append("::text");
        sql.append(columns.containsKey(TableLoader.VERSION) ? ", " + quote(TableLoader.VERSION) + "::text" : ", NULL");
        dataColumns.forEach(c -> sql.append(", ").append(quote(c)));
        sql.append(" FROM ").append(WarehouseNames.qualified(schema, table)).append(" WHERE ")
                .append(quote(TableLoader.KEY)).append("::text = ANY(?)");
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            ps.setArray(1, connection.createArrayOf("text", byKey.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    versions.put(key, rs.getString(2));
                    Map<String, Object> values = new HashMap<>();
                    Map<String, String> texts = new HashMap<>();
                    for (int i = 0; i < dataColumns.size(); i++) {
                        values.put(dataColumns.get(i), WarehouseCatalog.valueOf(rs, i + 3));
                        texts.put(dataColumns.get(i), rs.getString(i + 3));
                    }
                    stored.put(key, values);
                    storedText.put(key, texts);
                }
            }
        }
        // Values whose Java form differs from the stored one may still be stored as the same text
        // (a timestamp written as 2026-01-01T00:00:01Z reads back as 2026-01-01 00:00:01+00).
        Map<String, Set<String>> toCanonicalise = new HashMap<>();
        for (String key : stored.keySet()) {
            WriteRecord record = byKey.get(key);
            if (Objects.equals(versions.get(key), TableLoader.contentVersion(record))) {
                continue;
            }
            record.data().forEach((field, value) -> {
                String column = WarehouseNames.identifier(field);
                ColumnType type = columns.get(column);
                if (type != null && value != null && !Objects.equals(stored.get(key).get(column), value)) {
                    ColumnType.Rendered rendered = type.render(value);
                    if (!rendered.refused() && rendered.text() != null) {
                        toCanonicalise.computeIfAbsent(column, c -> new LinkedHashSet<>()).add(rendered.text());
                    }
                }
            });
        }
        Map<String, Map<String, String>> canonical = new HashMap<>();
        for (Map.Entry<String, Set<String>> entry : toCanonicalise.entrySet()) {
            canonical.put(entry.getKey(), canonicalise(columns.get(entry.getKey()), entry.getValue()));
        }
        Map<String, Map<String, Object>> current = new LinkedHashMap<>();
        for (String key : byKey.keySet()) {
            if (!stored.containsKey(key)) {
                continue;
            }
            WriteRecord record = byKey.get(key);
            if (Objects.equals(versions.get(key), TableLoader.contentVersion(record))) {
                current.put(key, new LinkedHashMap<>(record.data()));
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, Object> field : record.data().entrySet()) {
                String column = WarehouseNames.identifier(field.getKey());
                ColumnType type = columns.get(column);
                if (type == null) {
                    continue;
                }
                Object value = stored.get(key).get(column);
                if (Objects.equals(value, field.getValue()) || sameText(type, field.getValue(),
                        storedText.get(key).get(column), canonical.getOrDefault(column, Map.of()))) {
                    row.put(field.getKey(), field.getValue());
                } else {
                    row.put(field.getKey(), value);
                }
            }
            current.put(key, row);
        }
        return current;
    }

    private static boolean sameText(ColumnType type, Object value, String storedText, Map<String, String> canonical) {
        if (value == null || storedText == null) {
            return value == null && storedText == null;
        }
        ColumnType.Rendered rendered = type.render(value);
        if (rendered.refused() || rendered.text() == null) {
            return false;
        }
        return storedText.equals(rendered.text()) || storedText.equals(canonical.get(rendered.text()));
    }

    /** The text PostgreSQL stores for each rendered value in a column of this type; values it refuses are left out. */
    private Map<String, String> canonicalise(ColumnType type, Set<String> texts) throws SQLException {
        Map<String, String> canonical = new HashMap<>();
        for (String text : new ArrayList<>(texts)) {
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement ps = connection.prepareStatement("SELECT CAST(CAST(? AS text) AS "
                    + type.sqlType() + ")::text")) {
                ps.setString(1, text);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    canonical.put(text, rs.getString(1));
                }
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
            }
        }
        return canonical;
    }
}
