package io.tillbridge.connector.warehouse.internal;

import static io.tillbridge.connector.warehouse.internal.WarehouseNames.quote;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads one batch into one table, inside the caller's transaction:
 * <ol>
 *   <li>serialises writers of the table (advisory lock), creates the schema and the table if
 *       missing, adds a column for each new field (type from the batch's values);</li>
 *   <li>hashes every record's content ({@link ContentHash}) and reads the stored {@code _version}
 *       of the batch's keys in one query: a record stored with the same hash is unchanged and goes
 *       no further;</li>
 *   <li>checks every other value against its column's type: a record that does not fit is
 *       rejected with a reason and left out;</li>
 *   <li>when none of the remaining keys (last record per key) has a row yet, COPYs them straight
 *       into the table, in the binary format where every column has one;</li>
 *   <li>otherwise COPYs them into a temporary staging table of text columns and runs one
 *       {@code INSERT ... SELECT ... ON CONFLICT (_key) DO UPDATE ... WHERE ... IS DISTINCT FROM ...}
 *       that only touches new and changed rows: an unchanged row is neither locked nor given a new
 *       version. Its {@code RETURNING} says which keys were written.</li>
 * </ol>
 * When PostgreSQL refuses a row of the direct COPY, the transaction is rolled back and the batch
 * loaded again through staging. When it refuses some row of the upsert (a CHECK constraint, a value
 * a {@code timestamptz} column cannot parse), the upsert is retried on halves of the staged rows
 * under savepoints until the refused rows are found; they are rejected with the server's reason and
 * the rest is loaded.
 */
public final class TableLoader {

    static final String KEY = "_key";
    static final String VERSION = "_version";
    static final String LOADED_AT = "_loaded_at";
    private static final String STAGE = "tillbridge_stage";
    private static final int COPY_CHUNK_BYTES = 1 << 16;

    private final Connection connection;
    private final String schema;
    private final String table;

    public TableLoader(Connection connection, String schema, String object) {
        this.connection = connection;
        this.schema = schema;
        this.table = WarehouseNames.identifier(object);
    }

    public List<WriteResult> load(List<WriteRecord> batch) throws SQLException {
        try {
            return load(batch, true);
        } catch (DirectCopyRefused refused) {
            // Nothing of the transaction stays (not even new columns); load again, through staging.
            connection.rollback();
            return load(batch, false);
        }
    }

    private List<WriteResult> load(List<WriteRecord> batch, boolean directCopy) throws SQLException {
        // One pass over the records, before the lock: their fields' columns and their content hashes.
        int size = batch.size();
        FieldColumns fieldColumns = new FieldColumns();
        String[] versions = new String[size];
        ContentHash hash = new ContentHash();
        Set<String> distinctKeys = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> data = batch.get(i).data();
            fieldColumns.add(data);
            versions[i] = hash.of(data);
            distinctKeys.add(batch.get(i).idempotencyKey());
        }
        Map<String, String> columnOfField = fieldColumns.columnOfField;
        lockTable();
        Map<String, ColumnType> columns = prepareTable(batch, columnOfField);

        List<String> stagedColumns = new ArrayList<>(new LinkedHashSet<String>(columnOfField.values()).stream()
                .filter(columns::containsKey).toList());
        Map<String, String> stored = storedVersions(distinctKeys, columns.get(KEY));

        // From the end: per key, the last record that is either stored as it is (unchanged, nothing to
        // check or send) or fits its columns; earlier records of the key are only checked.
        String[] refusals = new String[size];
        Map<String, Slot> slots = slots(columnOfField, columns, stagedColumns);
        Map<String, List<String>> rowOfKey = new HashMap<>();
        Set<String> unchanged = new HashSet<>();
        List<Integer> chosen = new ArrayList<>();
        boolean repeatedKeys = distinctKeys.size() < size;
        for (int i = size - 1; i >= 0; i--) {
            WriteRecord record = batch.get(i);
            String key = record.idempotencyKey();
            boolean resolved = repeatedKeys && (unchanged.contains(key) || rowOfKey.containsKey(key));
            if (!resolved && versions[i].equals(stored.get(key))) {
                if (repeatedKeys) {
                    unchanged.add(key);
                }
                continue;
            }
            List<String> row = render(record, versions[i], slots, stagedColumns.size() + 2, refusals, i);
            if (row != null && !resolved) {
                rowOfKey.put(key, row);
                chosen.add(i);
            }
        }
        chosen.sort(null);
        List<String> keys = chosen.stream().map(i -> batch.get(i).idempotencyKey()).collect(Collectors.toList());
        Set<String> written = new HashSet<>();
        Map<String, String> refusedByServer = new HashMap<>();
        if (!keys.isEmpty()) {
            boolean allNew = keys.stream().noneMatch(stored::containsKey);
            if (allNew && directCopy) {
                copyIntoTable(stagedColumns, columns, keys, rowOfKey);
                written.addAll(keys);
            } else {
                stage(stagedColumns, keys, rowOfKey);
                String upsert = UpsertSql.of(qualifiedTable(), STAGE, stagedColumns, columns);
                try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                    upsertRange(statement, keys, 0, keys.size(), written, refusedByServer);
                }
            }
        }
        List<WriteResult> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String key = batch.get(i).idempotencyKey();
            if (refusals[i] != null) {
                results.add(WriteResult.rejected(key, refusals[i]));
            } else if (refusedByServer.containsKey(key)) {
                results.add(WriteResult.rejected(key, refusedByServer.get(key)));
            } else if (written.contains(key)) {
                results.add(WriteResult.written(key, key));
            } else {
                results.add(WriteResult.unchanged(key, key));
            }
        }
        return results;
    }

    /**
     * The stored {@code _version} per key of the batch that has a row. A record whose content hash
     * equals it is unchanged: neither checked, staged nor compared row by row; the set-based
     * comparison in the upsert still guards every staged row. Batches often hold neighbouring keys
     * (ids that grow with time), so the table's rows between the batch's smallest and largest key are
     * read first, as one index range; only when that range holds more than twice the batch's keys is
     * each key looked up on its own. Should a key be missed (a key column with another collation
     * than the array's), that only costs speed: its record is then staged and compared by the upsert.
     */
    private Map<String, String> storedVersions(Set<String> keys, ColumnType keyType) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        if (keys.isEmpty()) {
            return stored;
        }
        Object[] keyArray = keys.toArray();
        if (keyType.sqlType().equals("text") || keyType.sqlType().startsWith("character varying")) {
            int limit = 2 * keys.size();
            // The keys are sent once; ORDER BY makes it an index scan that stops at the limit.
            try (PreparedStatement ps = connection.prepareStatement("WITH b AS (SELECT CAST(? AS text[]) AS a) SELECT "
                    + quote(KEY) + "::text, " + quote(VERSION) + "::text FROM " + qualifiedTable() + " WHERE " + quote(KEY)
                    + " BETWEEN (SELECT min(k) FROM b, unnest(b.a) k) AND (SELECT max(k) FROM b, unnest(b.a) k) ORDER BY "
                    + quote(KEY) + " LIMIT ?")) {
                ps.setArray(1, connection.createArrayOf("text", keyArray));
                ps.setInt(2, limit + 1);
                int read = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        String key = rs.getString(1);
                        if (keys.contains(key)) {
                            stored.put(key, rs.getString(2));
                        }
                    }
                }
                if (read <= limit) {
                    return stored;
                }
                stored.clear();
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + quote(KEY) + "::text, " + quote(VERSION)
                + "::text FROM " + qualifiedTable() + " WHERE " + quote(KEY) + "::text = ANY(?)")) {
            ps.setArray(1, connection.createArrayOf("text", keyArray));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return stored;
    }

    /**
     * When no key of the batch has a row yet: COPY straight into the table, no staging and no merge;
     * in the binary format when every column's kind has one ({@link CopyBinaryFormat}), which spares
     * the server parsing numbers and text, else in the text format. If the server refuses a row (a CHECK constraint, a value the column type cannot parse) or
     * another writer inserted one of the keys meanwhile, {@link DirectCopyRefused} says so: the
     * caller rolls the transaction back and loads through the staging table, which finds the
     * refused rows. (No savepoint: it would cost two round trips on every batch for a rare case.)
     */
    private void copyIntoTable(List<String> stagedColumns, Map<String, ColumnType> columns, List<String> keys,
                               Map<String, List<String>> rowOfKey) throws SQLException {
        List<String> names = new ArrayList<>(List.of(KEY, VERSION));
        names.addAll(stagedColumns);
        ColumnType[] types = names.stream().map(columns::get).toArray(ColumnType[]::new);
        boolean binary = Arrays.stream(types).allMatch(CopyBinaryFormat::supports)
                && keys.stream().map(rowOfKey::get).allMatch(row -> {
                    for (int i = 0; i < types.length; i++) {
                        if (!CopyBinaryFormat.encodable(row.get(i), types[i])) {
                            return false;
                        }
                    }
                    return true;
                });
        String copySql = "COPY " + qualifiedTable() + " ("
                + names.stream().map(WarehouseNames::quote).collect(Collectors.joining(", ")) + ") FROM STDIN"
                + (binary ? " (FORMAT binary)" : "");
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                if (binary) {
                    CopyBinaryFormat.Buffer chunk = new CopyBinaryFormat.Buffer();
                    chunk.header();
                    for (String key : keys) {
                        chunk.appendRow(rowOfKey.get(key), types);
                        if (chunk.length() >= COPY_CHUNK_BYTES) {
                            copy.writeToCopy(chunk.bytes(), 0, chunk.length());
                            chunk.clear();
                        }
                    }
                    chunk.trailer();
                    copy.writeToCopy(chunk.bytes(), 0, chunk.length());
                } else {
                    CopyTextFormat.Buffer chunk = new CopyTextFormat.Buffer();
                    for (String key : keys) {
                        chunk.appendRow(rowOfKey.get(key));
                        if (chunk.length() >= COPY_CHUNK_BYTES) {
                            send(copy, chunk);
                        }
                    }
                    send(copy, chunk);
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            if (WarehouseFailures.isAboutTheData(e)) {
                throw new DirectCopyRefused();
            }
            throw e;
        }
    }

    /** The direct COPY was refused for the data; see {@link #copyIntoTable}. */
    private static final class DirectCopyRefused extends RuntimeException {

        DirectCopyRefused() {
            super(null, null, false, false);
        }
    }

    /** Field name to column name, in order of first appearance in the batch. */
    private static final class FieldColumns {

        final Map<String, String> columnOfField = new LinkedHashMap<>();
        private final Map<String, String> fieldOfColumn = new HashMap<>();
        private Object[] previous = new Object[0];

        void add(Map<String, Object> data) {
            // Records of a batch mostly carry the same field names in the same order: nothing new then.
            Object[] fields = data.keySet().toArray();
            if (Arrays.equals(fields, previous)) {
                return;
            }
            previous = fields;
            for (String field : data.keySet()) {
                if (columnOfField.containsKey(field)) {
                    continue;
                }
                String column = WarehouseNames.identifier(field);
                String other = fieldOfColumn.putIfAbsent(column, field);
                if (other != null) {
                    throw new ConnectorException(Category.SYSTEM,
                            "fields '" + other + "' and '" + field + "' would share the column " + column);
                }
                columnOfField.put(field, column);
            }
        }
    }

    /** One writer per table at a time: keeps CREATE/ALTER of the same table from racing. */
    private void lockTable() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "tillbridge-warehouse:" + schema + "." + table);
            lock.execute();
        }
    }

    private Map<String, ColumnType> prepareTable(List<WriteRecord> batch, Map<String, String> columnOfField)
            throws SQLException {
        Map<String, ColumnType> columns = WarehouseCatalog.columns(connection, schema, table);
        Map<String, String> newColumns = new LinkedHashMap<>();
        columnOfField.forEach((field, column) -> {
            if (!columns.containsKey(column)) {
                List<Object> values = batch.stream().map(r -> r.data().get(field))
                        .filter(v -> v != null && isValueModel(v)).toList();
                if (!values.isEmpty()) {
                    newColumns.put(column, ColumnType.newColumnType(values));
                }
            }
        });
        try (Statement statement = connection.createStatement()) {
            if (columns.isEmpty()) {
                if (!WarehouseCatalog.schemaExists(connection, schema)) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
                }
                StringBuilder create = new StringBuilder("CREATE TABLE ").append(qualifiedTable())
                        .append(" (").append(quote(KEY)).append(" text PRIMARY KEY");
                newColumns.forEach((column, type) -> create.append(", ").append(quote(column)).append(' ').append(type));
                create.append(", ").append(quote(VERSION)).append(" text, ")
                        .append(quote(LOADED_AT)).append(" timestamptz NOT NULL DEFAULT now())");
                statement.execute(create.toString());
            } else {
                if (!columns.containsKey(KEY)) {
                    throw new ConnectorException(Category.CONFIG, "table " + schema + "." + table
                            + " exists without a _key column; rename it or write to another object");
                }
                Map<String, String> missing = new LinkedHashMap<>(newColumns);
                if (!columns.containsKey(VERSION)) {
                    missing.put(VERSION, "text");
                }
                if (!columns.containsKey(LOADED_AT)) {
                    missing.put(LOADED_AT, "timestamptz");
                }
                if (!missing.isEmpty()) {
                    statement.execute("ALTER TABLE " + qualifiedTable() + missing.entrySet().stream()
                            .map(e -> " ADD COLUMN IF NOT EXISTS " + quote(e.getKey()) + " " + e.getValue())
                            .collect(Collectors.joining(",")));
                }
            }
        }
        return newColumns.isEmpty() && !columns.isEmpty() && columns.containsKey(VERSION) && columns.containsKey(LOADED_AT)
                ? columns : WarehouseCatalog.columns(connection, schema, table);
    }

    /** Where a field goes: its column, the column's type and the position in the staged row. */
    private record Slot(String column, ColumnType type, int position) {
    }

    /** Per field of the batch that has a column, its slot; rows are key, version, then the staged columns. */
    private static Map<String, Slot> slots(Map<String, String> columnOfField, Map<String, ColumnType> columns,
                                           List<String> stagedColumns) {
        Map<String, Slot> slots = new HashMap<>();
        columnOfField.forEach((field, column) -> {
            int position = stagedColumns.indexOf(column);
            if (position >= 0) {
                slots.put(field, new Slot(column, columns.get(column), position + 2));
            }
        });
        return slots;
    }

    /** The record's staged row (key, version, then the staged columns), or null when it was refused. */
    private static List<String> render(WriteRecord record, String version, Map<String, Slot> slots, int width,
                                       String[] refusals, int index) {
        String[] row = new String[width];
        for (Map.Entry<String, Object> field : record.data().entrySet()) {
            Slot slot = slots.get(field.getKey());
            if (slot == null) {
                if (field.getValue() != null) {
                    refusals[index] = "field " + field.getKey() + ": " + ColumnType.describe(field.getValue())
                            + " is not in the record value model (text, number, boolean, object, list)";
                    return null;
                }
                continue;
            }
            ColumnType.Rendered rendered = slot.type().render(field.getValue());
            if (rendered.refused()) {
                refusals[index] = rendered.refusal().replaceFirst("^field " + java.util.regex.Pattern.quote(slot.column()),
                        java.util.regex.Matcher.quoteReplacement("field " + field.getKey()));
                return null;
            }
            row[slot.position()] = rendered.text();
        }
        if (record.idempotencyKey().indexOf('\0') >= 0) {
            refusals[index] = "the idempotency key holds a NUL character";
            return null;
        }
        row[0] = record.idempotencyKey();
        row[1] = version;
        return Arrays.asList(row);
    }

    private void stage(List<String> stagedColumns, List<String> keys, Map<String, List<String>> rowOfKey)
            throws SQLException {
        List<String> names = new ArrayList<>(List.of("_ord", KEY, VERSION));
        names.addAll(stagedColumns);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS pg_temp." + quote(STAGE));
            statement.execute("CREATE TEMP TABLE " + quote(STAGE) + " (" + quote("_ord") + " integer"
                    + names.stream().skip(1).map(n -> ", " + quote(n) + " text").collect(Collectors.joining())
                    + ") ON COMMIT DROP");
        }
        String copySql = "COPY pg_temp." + quote(STAGE) + " ("
                + names.stream().map(WarehouseNames::quote).collect(Collectors.joining(", ")) + ") FROM STDIN";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            CopyTextFormat.Buffer chunk = new CopyTextFormat.Buffer();
            for (int ord = 0; ord < keys.size(); ord++) {
                List<String> values = new ArrayList<>(rowOfKey.get(keys.get(ord)).size() + 1);
                values.add(Integer.toString(ord));
                values.addAll(rowOfKey.get(keys.get(ord)));
                chunk.appendRow(values);
                if (chunk.length() >= COPY_CHUNK_BYTES) {
                    send(copy, chunk);
                }
            }
            send(copy, chunk);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE pg_temp." + quote(STAGE));
        }
    }

    private static void send(CopyIn copy, CopyTextFormat.Buffer chunk) throws SQLException {
        copy.writeToCopy(chunk.bytes(), 0, chunk.length());
        chunk.clear();
    }

    private void upsertRange(PreparedStatement statement, List<String> keys, int from, int to, Set<String> written,
                             Map<String, String> refused) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            statement.setInt(1, from);
            statement.setInt(2, to);
            Set<String> done = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    done.add(rows.getString(1));
                }
            }
            connection.releaseSavepoint(savepoint);
            written.addAll(done);
        } catch (SQLException e) {
            if (!WarehouseFailures.isAboutTheData(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            if (to - from == 1) {
                refused.put(keys.get(from), "the warehouse refused the record: " + WarehouseFailures.reason(e));
                return;
            }
            int middle = (from + to) >>> 1;
            upsertRange(statement, keys, from, middle, written, refused);
            upsertRange(statement, keys, middle, to, written, refused);
        }
    }

    private String qualifiedTable() {
        return WarehouseNames.qualified(schema, table);
    }

    private static boolean isValueModel(Object value) {
        return value instanceof String || value instanceof java.math.BigDecimal || value instanceof Boolean
                || value instanceof Map<?, ?> || value instanceof List<?>;
    }

    /** {@code _version}: the record's content hash, see {@link ContentHash}. */
    public static String contentVersion(WriteRecord record) {
        return new ContentHash().of(record.data());
    }
}
