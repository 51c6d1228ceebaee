package io.tillbridge.files.internal;

import io.tillbridge.platform.internal.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the files uploaded to connections ({@code connection_files}, V11_10) and their bytes in
 * chunks ({@code connection_file_chunks}). Every method runs in the caller's transaction of the
 * tenant; row-level security keeps it to that tenant's rows.
 */
public final class FileRows {

    /** The connection files belong to: its connector, and the output format its config names (or null). */
    public record Owner(String connectorId, String format) {
    }

    /**
     * One uploaded file, with the first earlier upload of the same bytes to the same connection
     * ({@code duplicateOf...}, null when there is none).
     */
    public record Row(UUID id, UUID connectionId, long sequence, String name, long size, String sha256,
            String contentType, int chunkSize, Instant uploadedAt, String uploadedBy, UUID duplicateOfId,
            String duplicateOfName, Instant duplicateOfUploadedAt) {
    }

    private static final String COLUMNS = "f.id, f.connection_id, f.sequence, f.name, f.size, f.sha256, f.content_type,"
            + " f.chunk_size, f.uploaded_at, f.uploaded_by, d.id AS dup_id, d.name AS dup_name,"
            + " d.uploaded_at AS dup_uploaded_at FROM connection_files f LEFT JOIN LATERAL (SELECT o.id, o.name,"
            + " o.uploaded_at FROM connection_files o WHERE o.tenant_id = f.tenant_id AND o.connection_id = f.connection_id"
            + " AND o.sha256 = f.sha256 AND o.sequence < f.sequence ORDER BY o.sequence LIMIT 1) d ON true";

    private FileRows() {
    }

    /**
     * The connection, if the tenant has it; with {@code lock}, locked until the transaction ends so
     * that uploads to it take their sequence numbers one at a time, in commit order.
     */
    public static Optional<Owner> owner(Connection c, UUID connectionId, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT connector_id, config->>'format' FROM connections WHERE id = ?"
                + (lock ? " FOR NO KEY UPDATE" : ""), rs -> new Owner(rs.getString(1), rs.getString(2)), connectionId);
    }

    /**
     * Stores {@code bytes} as the chunks of file {@code fileId}, {@code chunkSize} bytes each (the
     * last one shorter), one buffer's worth in memory at a time; answers how many chunks. The file's
     * row may follow later in the same transaction (the foreign key is checked at commit).
     */
    public static int writeChunks(Connection c, UUID tenant, UUID fileId, InputStream bytes, int chunkSize)
            throws SQLException, IOException {
        byte[] buffer = new byte[chunkSize];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO connection_file_chunks (tenant_id, file_id, n, data) VALUES (?, ?, ?, ?)")) {
            while (true) {
                int filled = bytes.readNBytes(buffer, 0, chunkSize);
                if (filled == 0) {
                    return n;
                }
                ps.setObject(1, tenant);
                ps.setObject(2, fileId);
                ps.setInt(3, n++);
                ps.setBytes(4, filled == chunkSize ? buffer : Arrays.copyOf(buffer, filled));
                ps.executeUpdate();
            }
        }
    }

    /** The next sequence number of the connection's uploads (call with the connection locked). */
    public static long nextSequence(Connection c, UUID connectionId) throws SQLException {
        return Sql.first(c, "SELECT coalesce(max(sequence), 0) + 1 FROM connection_files WHERE connection_id = ?",
                rs -> rs.getLong(1), connectionId).orElse(1L);
    }

    public static void insert(Connection c, UUID tenant, UUID id, UUID connectionId, long sequence, String name,
            long size, String sha256, String contentType, int chunkSize, Instant uploadedAt, String uploadedBy)
            throws SQLException {
        Sql.update(c, "INSERT INTO connection_files (tenant_id, id, connection_id, sequence, name, size, sha256,"
                + " content_type, chunk_size, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, id, connectionId, sequence, name, size, sha256, contentType, chunkSize, uploadedAt, uploadedBy);
    }

    public static Optional<Row> find(Connection c, UUID connectionId, UUID fileId) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " WHERE f.connection_id = ? AND f.id = ?", FileRows::row,
                connectionId, fileId);
    }

    /** The connection's uploads, newest first, below {@code beforeSequence} when given. */
    public static List<Row> newestFirst(Connection c, UUID connectionId, Long beforeSequence, int limit)
            throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(connectionId));
        if (beforeSequence != null) {
            parameters.add(beforeSequence);
        }
        parameters.add(limit);
        return Sql.list(c, "SELECT " + COLUMNS + " WHERE f.connection_id = ?"
                + (beforeSequence != null ? " AND f.sequence < ?" : "") + " ORDER BY f.sequence DESC LIMIT ?",
                FileRows::row, parameters.toArray());
    }

    /** The connection's uploads above {@code afterSequence}, oldest first. */
    public static List<Row> oldestFirstAfter(Connection c, UUID connectionId, long afterSequence, int limit)
            throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " WHERE f.connection_id = ? AND f.sequence > ?"
                + " ORDER BY f.sequence LIMIT ?", FileRows::row, connectionId, afterSequence, limit);
    }

    /** Chunk {@code n} of a file; empty when the file (or that chunk) is not there. */
    public static Optional<byte[]> chunk(Connection c, UUID fileId, int n) throws SQLException {
        return Sql.first(c, "SELECT data FROM connection_file_chunks WHERE file_id = ? AND n = ?",
                rs -> rs.getBytes(1), fileId, n);
    }

    /** Deletes a file and its chunks; answers whether there was one. */
    public static boolean delete(Connection c, UUID connectionId, UUID fileId) throws SQLException {
        return Sql.update(c, "DELETE FROM connection_files WHERE connection_id = ? AND id = ?", connectionId, fileId) == 1;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(Sql.uuid(rs, "id"), Sql.uuid(rs, "connection_id"), rs.getLong("sequence"), rs.getString("name"),
                rs.getLong("size"), rs.getString("sha256"), rs.getString("content_type"), rs.getInt("chunk_size"),
                Sql.instant(rs, "uploaded_at"), rs.getString("uploaded_by"), Sql.uuid(rs, "dup_id"),
                rs.getString("dup_name"), Sql.instant(rs, "dup_uploaded_at"));
    }
}
