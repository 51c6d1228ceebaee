package io.tillbridge.files.internal;

import io.tillbridge.platform.internal.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * SQL of the rows of a connection's output files ({@code output_rows}, V11_10) and of each output
 * object's columns in order ({@code output_objects}). Runs in the caller's transaction of the tenant.
 */
public final class OutputRows {

    /** One row to store: its file, key, cells as canonical JSON and the hex SHA-256 of that JSON. */
    public record Put(String file, String key, String cellsJson, String hash) {
    }

    /** One stored row: its order within its file and its cells as JSON. */
    public record Stored(long order, String key, String cellsJson) {
    }

    /** One output file: its object, name, row count and last change. */
    public record FileSummary(String object, String file, long rows, Instant lastChangedAt) {
    }

    private OutputRows() {
    }

    /**
     * The object's columns in order, the object's row locked until the transaction ends (created
     * empty when new), so that concurrent writers append columns one at a time.
     */
    public static List<String> lockColumns(Connection c, UUID tenant, UUID connectionId, String object)
            throws SQLException {
        Sql.update(c, "INSERT INTO output_objects (tenant_id, connection_id, object) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", tenant, connectionId, object);
        return Sql.first(c, "SELECT columns FROM output_objects WHERE connection_id = ? AND object = ? FOR UPDATE",
                OutputRows::texts, connectionId, object).orElseThrow();
    }

    public static void setColumns(Connection c, UUID connectionId, String object, List<String> columns)
            throws SQLException {
        Sql.update(c, "UPDATE output_objects SET columns = ? WHERE connection_id = ? AND object = ?",
                c.createArrayOf("text", columns.toArray()), connectionId, object);
    }

    /** The object's columns in order; empty when it has none (or no such object). */
    public static List<String> columns(Connection c, UUID connectionId, String object) throws SQLException {
        return Sql.first(c, "SELECT columns FROM output_objects WHERE connection_id = ? AND object = ?",
                OutputRows::texts, connectionId, object).orElse(List.of());
    }

    /**
     * Inserts the rows, or replaces the stored row of the same file and key when its hash differs,
     * in one statement (one storage count); answers the file and key of each row inserted or
     * replaced ({@code file + '\u001f' + key}). No two rows may share a file and key.
     */
    public static Set<String> upsert(Connection c, UUID tenant, UUID connectionId, String object, List<Put> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Set<String> changed = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO output_rows (tenant_id, connection_id, object,"
                + " file, key, cells, hash) SELECT ?, ?, ?, u.file, u.key, u.cells::jsonb, decode(u.hash, 'hex')"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u(file, key, cells, hash, i)"
                + " ORDER BY u.i"
                + " ON CONFLICT (tenant_id, connection_id, object, file, key) DO UPDATE SET cells = EXCLUDED.cells,"
                + " hash = EXCLUDED.hash, updated_at = clock_timestamp() WHERE output_rows.hash <> EXCLUDED.hash"
                + " RETURNING file, key")) {
            Sql.bind(ps, tenant, connectionId, object, array(c, rows, Put::file), array(c, rows, Put::key),
                    array(c, rows, Put::cellsJson), array(c, rows, Put::hash));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getString(1) + '\u001f' + rs.getString(2));
                }
            }
        }
        return changed;
    }

    /** The stored rows of these keys in the object, whatever their file, in row order. */
    public static List<Stored> byKeys(Connection c, UUID connectionId, String object, Collection<String> keys)
            throws SQLException {
        return Sql.list(c, "SELECT row_order, key, cells::text FROM output_rows WHERE connection_id = ? AND object = ?"
                + " AND key = ANY(?) ORDER BY row_order", OutputRows::stored, connectionId, object,
                c.createArrayOf("text", keys.toArray()));
    }

    /** Up to {@code limit} rows of a file after {@code afterOrder}, in row order. */
    public static List<Stored> page(Connection c, UUID connectionId, String object, String file, long afterOrder,
            int limit) throws SQLException {
        return Sql.list(c, "SELECT row_order, key, cells::text FROM output_rows WHERE connection_id = ? AND object = ?"
                + " AND file = ? AND row_order > ? ORDER BY row_order LIMIT ?", OutputRows::stored, connectionId,
                object, file, afterOrder, limit);
    }

    /** Whether the object has a file of that name. */
    public static boolean exists(Connection c, UUID connectionId, String object, String file) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM output_rows WHERE connection_id = ? AND object = ? AND file = ? LIMIT 1",
                rs -> true, connectionId, object, file).orElse(false);
    }

    /** The connection's output files by object and name, at most {@code limit}. */
    public static List<FileSummary> files(Connection c, UUID connectionId, int limit) throws SQLException {
        return Sql.list(c, "SELECT object, file, count(*), max(updated_at) FROM output_rows WHERE connection_id = ?"
                + " GROUP BY object, file ORDER BY object, file LIMIT ?", rs -> new FileSummary(rs.getString(1),
                        rs.getString(2), rs.getLong(3), Sql.instant(rs, 4)), connectionId, limit);
    }

    private interface Part {
        String of(Put row);
    }

    private static Array array(Connection c, List<Put> rows, Part part) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(part::of).toArray());
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong(1), rs.getString(2), rs.getString(3));
    }

    private static List<String> texts(ResultSet rs) throws SQLException {
        Array array = rs.getArray(1);
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
