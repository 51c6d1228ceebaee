package io.tillbridge.connector.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The files a connection keeps in the platform: files uploaded to it (a spreadsheet source reads
 * them) and the rows of the files a spreadsheet target produces (the platform renders those files as
 * CSV or XLSX when they are downloaded). Lent by {@link ConnectorContext#files()}; every call is
 * scoped to the connection the context belongs to, so a connector can neither see nor touch another
 * connection's or tenant's files. Thread-safe.
 */
public interface ConnectionFiles {

    /**
     * A file uploaded to the connection.
     *
     * @param sequence increasing in upload order within the connection; a source keeps the last
     *     sequence it read in its checkpoint
     * @param id the platform's identifier of the file
     * @param name the name it was uploaded with ({@code sales-2026-12.csv})
     * @param size its length in bytes
     * @param sha256 the lower-case hex SHA-256 of its bytes
     * @param uploadedAt when the upload completed
     */
    record UploadedFile(long sequence, String id, String name, long size, String sha256, Instant uploadedAt) {
        public UploadedFile {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(uploadedAt, "uploadedAt");
        }
    }

    /**
     * One row of an output file.
     *
     * @param file the output file's name without extension, chosen by the target ({@code
     *     orders 2026-12-06}); the rows of one name make one downloadable file
     * @param key the row's identity within the file (the record's idempotency key): writing a row
     *     with a key the file holds replaces that row
     * @param values the row's cells by column name, in the value model of {@link SourceRecord}
     *     (scalars only: a list or map is stored as its JSON text)
     */
    record OutputRow(String file, String key, Map<String, Object> values) {
        public OutputRow {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(values, "values");
        }
    }

    /**
     * The files uploaded to the connection with a sequence above {@code afterSequence}, oldest first,
     * at most {@code limit} of them.
     */
    List<UploadedFile> uploadedAfter(long afterSequence, int limit);

    /**
     * Opens an uploaded file's bytes for reading from the start; the caller closes the stream. The
     * stream reads the file in bounded chunks, never the whole file into memory.
     *
     * @throws IOException when the file is gone or cannot be read
     */
    InputStream open(UploadedFile file) throws IOException;

    /**
     * Stores rows of one output object ({@code orders}), each into its file, replacing the row of the
     * same file and key. Columns keep the order in which the object first saw them; a column not seen
     * before is appended at the end. Answers, per row key, whether the row was new or changed
     * ({@code true}) or held exactly these values already ({@code false}).
     */
    Map<String, Boolean> putRows(String object, List<OutputRow> rows);

    /**
     * The stored values of the rows with these keys in this object, whatever their file, for shadow
     * mode's comparison; keys not stored are absent.
     */
    Map<String, Map<String, Object>> rows(String object, Collection<String> keys);

    /** No files: the context of a connector used without a platform. Every call fails. */
    static ConnectionFiles none() {
        return NoFiles.INSTANCE;
    }
}
