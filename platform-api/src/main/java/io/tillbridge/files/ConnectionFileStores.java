package io.tillbridge.files;

import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.files.internal.FileRows;
import io.tillbridge.files.internal.OutputRows;
import io.tillbridge.storage.StorageQuota;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The platform's {@link ConnectionFiles} (DD-038): a connection's uploads and output rows in the
 * platform's database, lent to connectors through their context. Every call is a short transaction
 * of the connection's tenant (row-level security) and names the connection, so a connector sees
 * only its own connection's files. Reading an upload fetches one chunk (at most 1 MiB) per
 * transaction; storing output rows is one transaction per call, refused at the tenant's storage cap.
 */
@Singleton
public class ConnectionFileStores {

    /** The most uploads one {@link ConnectionFiles#uploadedAfter} call answers. */
    static final int MAX_LISTED = 1_000;
    /** Limits of output rows, in characters. */
    static final int MAX_OBJECT = 200;
    static final int MAX_FILE = 200;
    static final int MAX_KEY = 500;
    static final int MAX_COLUMNS = 1_000;
    static final int MAX_ROW_JSON = 1024 * 1024;
    static final int MAX_ROWS_PER_CALL = 10_000;

    private final TenantTransactions transactions;
    private final StorageQuota storage;

    public ConnectionFileStores(TenantTransactions transactions, StorageQuota storage) {
        this.transactions = transactions;
        this.storage = storage;
    }

    /** The files of one connection of a tenant. */
    public ConnectionFiles of(TenantId tenant, UUID connectionId) {
        return new Scoped(tenant, connectionId);
    }

    /** Opens the bytes of a file of a connection, chunk by chunk, each chunk read in a transaction of its own. */
    InputStream open(TenantId tenant, UUID connectionId, UUID fileId, long size) {
        return new ChunkStream(transactions, tenant, fileId, size);
    }

    private final class Scoped implements ConnectionFiles {

        private final TenantId tenant;
        private final UUID connectionId;

        Scoped(TenantId tenant, UUID connectionId) {
            this.tenant = tenant;
            this.connectionId = connectionId;
        }

        @Override
        public List<UploadedFile> uploadedAfter(long afterSequence, int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
            return transactions.read(tenant, c -> FileRows.oldestFirstAfter(c, connectionId, afterSequence,
                    Math.min(limit, MAX_LISTED))).stream()
                    .map(r -> new UploadedFile(r.sequence(), r.id().toString(), r.name(), r.size(), r.sha256(),
                            r.uploadedAt()))
                    .toList();
        }

        @Override
        public InputStream open(UploadedFile file) throws IOException {
            UUID id;
            try {
                id = UUID.fromString(file.id());
            } catch (IllegalArgumentException e) {
                throw new IOException("no such file: " + file.id());
            }
            FileRows.Row row = transactions.read(tenant, c -> FileRows.find(c, connectionId, id)).orElse(null);
            if (row == null) {
                throw new IOException("no such file (deleted, or not of this connection): " + file.name());
            }
            return ConnectionFileStores.this.open(tenant, connectionId, id, row.size());
        }

        @Override
        public Map<String, Boolean> putRows(String object, List<OutputRow> rows) {
            check(object, "object", MAX_OBJECT);
            if (rows.size() > MAX_ROWS_PER_CALL) {
                throw new IllegalArgumentException("at most " + MAX_ROWS_PER_CALL + " output rows per call, not "
                        + rows.size());
            }
            // The last row of a file and key wins, as if they had been stored one after another.
            Map<String, OutputRow> latest = new LinkedHashMap<>();
            Map<String, Map<String, Object>> cells = new LinkedHashMap<>();
            for (OutputRow row : rows) {
                check(row.file(), "file", MAX_FILE);
                check(row.key(), "key", MAX_KEY);
                String id = row.file() + '\u001f' + row.key();
                latest.remove(id);
                latest.put(id, row);
                cells.remove(id);
                cells.put(id, OutputCells.of(row.values()));
            }
            Set<String> seen = new LinkedHashSet<>();
            List<OutputRows.Put> puts = new ArrayList<>(latest.size());
            for (Map.Entry<String, OutputRow> e : latest.entrySet()) {
                Map<String, Object> rowCells = cells.get(e.getKey());
                seen.addAll(rowCells.keySet());
                String json = OutputCells.json(rowCells);
                if (json.length() > MAX_ROW_JSON) {
                    throw new IllegalArgumentException("the output row " + e.getValue().key() + " is larger than "
                            + MAX_ROW_JSON + " characters as JSON");
                }
                puts.add(new OutputRows.Put(e.getValue().file(), e.getValue().key(), json, OutputCells.hash(json)));
            }
            Set<String> changed = transactions.write(tenant, c -> {
                storage.require(c, tenant);
                List<String> columns = OutputRows.lockColumns(c, tenant.value(), connectionId, object);
                List<String> merged = new ArrayList<>(columns);
                seen.stream().filter(column -> !columns.contains(column)).forEach(merged::add);
                if (merged.size() > MAX_COLUMNS) {
                    throw new IllegalArgumentException("the output object " + object + " would have more than "
                            + MAX_COLUMNS + " columns");
                }
                if (merged.size() != columns.size()) {
                    OutputRows.setColumns(c, connectionId, object, merged);
                }
                return OutputRows.upsert(c, tenant.value(), connectionId, object, puts);
            });
            Map<String, Boolean> answer = new LinkedHashMap<>();
            for (OutputRow row : rows) {
                boolean rowChanged = changed.contains(row.file() + '\u001f' + row.key());
                answer.merge(row.key(), rowChanged, Boolean::logicalOr);
            }
            return answer;
        }

        @Override
        public Map<String, Map<String, Object>> rows(String object, Collection<String> keys) {
            if (keys.isEmpty()) {
                return Map.of();
            }
            Map<String, Map<String, Object>> found = new LinkedHashMap<>();
            transactions.read(tenant, c -> OutputRows.byKeys(c, connectionId, object, keys))
                    .forEach(stored -> found.put(stored.key(), OutputCells.read(stored.cellsJson())));
            return found;
        }

        @Override
        public String toString() {
            return "ConnectionFiles[" + tenant + "/" + connectionId + "]";
        }
    }

    private static void check(String value, String what, int max) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an output row needs a " + what);
        }
        if (value.length() > max) {
            throw new IllegalArgumentException("an output " + what + " is longer than " + max + " characters: "
                    + value.substring(0, 40) + "...");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an output " + what + " contains NUL");
        }
    }

    /** A file's bytes, one chunk (one short read transaction) at a time. */
    private static final class ChunkStream extends InputStream {

        private final TenantTransactions transactions;
        private final TenantId tenant;
        private final UUID fileId;
        private final long size;
        private byte[] chunk = new byte[0];
        private int position;
        private int next;
        private long delivered;
        private boolean closed;

        ChunkStream(TenantTransactions transactions, TenantId tenant, UUID fileId, long size) {
            this.transactions = transactions;
            this.tenant = tenant;
            this.fileId = fileId;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            delivered++;
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            delivered += n;
            return n;
        }

        /** Whether bytes are there to read, fetching the next chunk when this one is used up. */
        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (position < chunk.length) {
                return true;
            }
            if (delivered >= size) {
                return false;
            }
            int n = next++;
            byte[] fetched;
            try {
                fetched = transactions.read(tenant, c -> FileRows.chunk(c, fileId, n)).orElse(null);
            } catch (RuntimeException e) {
                throw new IOException("the file could not be read: " + e.getMessage(), e);
            }
            if (fetched == null || fetched.length == 0 || delivered + fetched.length > size) {
                throw new IOException("the file was deleted while it was being read (or is damaged): chunk " + n
                        + " is missing");
            }
            chunk = fetched;
            position = 0;
            return true;
        }

        @Override
        public void close() {
            closed = true;
            chunk = new byte[0];
        }
    }
}
