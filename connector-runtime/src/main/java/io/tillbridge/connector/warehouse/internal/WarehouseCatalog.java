package io.tillbridge.connector.warehouse.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the warehouse's catalog says: the tables of a schema and their columns. */
public final class WarehouseCatalog {

    private static final int SAMPLES = 5;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typname, a.atttypmod, a.attnotnull
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """;

    private WarehouseCatalog() {
    }

    /** Why the user cannot write tables into the schema (or create it), or null when it can. */
    public static String missingRight(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT n.oid IS NOT NULL,
                       CASE WHEN n.oid IS NULL THEN has_database_privilege(current_database(), 'CREATE')
                            ELSE has_schema_privilege(n.oid, 'CREATE') AND has_schema_privilege(n.oid, 'USAGE') END
                FROM (SELECT 1) one LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = ?""")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getBoolean(2)) {
                    return null;
                }
                return rows.getBoolean(1)
                        ? "the user may not create tables in schema " + schema + "; grant it USAGE and CREATE there"
                        : "schema " + schema + " does not exist and the user may not create it";
            }
        }
    }

    static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The columns of a table in column order; empty when there is no such table. */
    static Map<String, ColumnType> columns(Connection connection, String schema, String table) throws SQLException {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS + " AND c.relname = ? ORDER BY a.attnum")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(2),
                            ColumnType.of(rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5)));
                }
            }
        }
        return columns;
    }

    /** Every table of the schema as a stream, its columns as fields, with a few rows as samples. */
    public static Catalog discover(Connection connection, String schema) throws SQLException {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS + " ORDER BY c.relname, a.attnum")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(new String[] {
                        rows.getString(2), rows.getString(4), Boolean.toString(!rows.getBoolean(6))});
                }
            }
        }
        List<StreamDescriptor> streams = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> table : tables.entrySet()) {
            List<Map<String, Object>> samples = samples(connection, schema, table.getKey());
            List<FieldDescriptor> fields = new ArrayList<>();
            for (String[] column : table.getValue()) {
                // The loader fills its own columns (key, content hash, load time): they are not fields
                // a mapping writes, so they are not offered as such (the key is named as keyField).
                boolean filledByLoader = column[0].equals(TableLoader.KEY) || column[0].equals(TableLoader.VERSION)
                        || column[0].equals(TableLoader.LOADED_AT);
                if (filledByLoader) {
                    continue;
                }
                List<Object> values = samples.stream().map(row -> row.get(column[0])).toList();
                fields.add(new FieldDescriptor(column[0], fieldType(column[1]), Boolean.parseBoolean(column[2]), values));
            }
            boolean keyed = table.getValue().stream().anyMatch(c -> c[0].equals(TableLoader.KEY));
            streams.add(new StreamDescriptor(table.getKey(), fields, keyed ? TableLoader.KEY : "", "", true));
        }
        return new Catalog(streams);
    }

    private static List<Map<String, Object>> samples(Connection connection, String schema, String table)
            throws SQLException {
        List<Map<String, Object>> samples = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + WarehouseNames.qualified(schema, table)
                     + " LIMIT " + SAMPLES)) {
            int count = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= count; i++) {
                    row.put(rows.getMetaData().getColumnName(i), valueOf(rows, i));
                }
                samples.add(row);
            }
        }
        return samples;
    }

    /** A column value in the record value model. */
    static Object valueOf(ResultSet rows, int column) throws SQLException {
        String typeName = rows.getMetaData().getColumnTypeName(column);
        String text = rows.getString(column);
        if (text == null) {
            return null;
        }
        return switch (fieldType(typeName)) {
            case NUMBER -> number(text);
            case BOOLEAN -> rows.getBoolean(column);
            case OBJECT, ARRAY -> parseJson(text);
            default -> text;
        };
    }

    /** NaN and Infinity (float and numeric) have no BigDecimal; they stay text. */
    private static Object number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object parseJson(String text) {
        try {
            return inValueModel(JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static Object inValueModel(Object value) {
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), inValueModel(v)));
            return copy;
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(inValueModel(v)));
            return copy;
        }
        return value;
    }

    private static FieldType fieldType(String typeName) {
        return switch (typeName) {
            case "numeric", "int2", "int4", "int8", "float4", "float8" -> FieldType.NUMBER;
            case "bool" -> FieldType.BOOLEAN;
            case "json", "jsonb" -> FieldType.OBJECT;
            default -> FieldType.STRING;
        };
    }
}
