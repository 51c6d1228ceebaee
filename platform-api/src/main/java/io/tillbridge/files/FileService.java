package io.tillbridge.files;

import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.files.internal.FileRows;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.storage.StorageQuota;
import io.tillbridge.storage.StorageQuotaExceededException;
import io.tillbridge.storage.StorageUsage;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files uploaded to a tenant's connections (DD-038), for the API and the portal. An upload is
 * accepted only by a connection whose connector reads uploads ({@link FileConnectors}); it is
 * received into a temporary file ({@link UploadSpool}, at most {@code tillbridge.files.max-upload-bytes}),
 * then stored in one transaction in chunks of 1 MiB, with the next sequence number of the
 * connection, counted in the tenant's storage (refused, storing nothing, when it would pass the
 * cap) and audited. An upload of bytes the connection already has is stored too, and named a
 * duplicate of the first. Uploading and deleting need OPERATE; listing and downloading READ.
 */
@Singleton
public class FileService {

    private static final Logger LOG = LoggerFactory.getLogger(FileService.class);

    /** The highest upload cap an operator may set: 2 GiB. */
    static final long MAX_UPLOAD_CAP = 2L * 1024 * 1024 * 1024;

    /** The size of the chunks an upload is stored in. */
    static final int CHUNK_BYTES = 1024 * 1024;

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private final TenantTransactions transactions;
    private final StorageQuota storage;
    private final AuditLog audit;
    private final Clock clock;
    private final FileConnectors connectors;
    private final ConnectionFileStores stores;
    private final long maxUploadBytes;

    public FileService(TenantTransactions transactions, StorageQuota storage, AuditLog audit, Clock clock,
            FileConnectors connectors, ConnectionFileStores stores,
            @Value("${tillbridge.files.max-upload-bytes:268435456}") long maxUploadBytes) {
        if (maxUploadBytes < 1 || maxUploadBytes > MAX_UPLOAD_CAP) {
            // The server takes request bodies up to 2 GiB (micronaut.server.max-request-size).
            throw new IllegalArgumentException("tillbridge.files.max-upload-bytes must be 1 to " + MAX_UPLOAD_CAP);
        }
        this.transactions = transactions;
        this.storage = storage;
        this.audit = audit;
        this.clock = clock;
        this.connectors = connectors;
        this.stores = stores;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The most bytes one upload may have ({@code tillbridge.files.max-upload-bytes}). */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /** 413 payload-too-large for an upload that declares more bytes than the cap. */
    public void requireDeclaredSize(long declaredBytes) {
        if (declaredBytes > maxUploadBytes) {
            throw UploadSpool.tooLarge(maxUploadBytes);
        }
    }

    /** Whether the connection takes uploads (its connector reads them); 404 when the tenant has no such connection. */
    public boolean takesUploads(TenantScope scope, UUID connectionId) {
        scope.require(Permission.READ);
        return connectors.readsUploads(owner(scope, connectionId).connectorId());
    }

    /**
     * Stores an upload.
     *
     * @param name the name the uploader gave (sanitised by {@link UploadNames})
     * @param contentType as the uploader declared it; kept only when it looks like a media type
     * @param declaredBytes the length the request declared, or -1 when it declared none
     * @param body the bytes, read to their end here
     * @throws ProblemException 404 no such connection, 422 the connector reads no uploads, 400 no usable
     *     name or an empty file, 413 over the size cap, 507 over the tenant's storage cap; nothing is
     *     stored in each case
     */
    public ConnectionFile upload(TenantScope scope, UUID connectionId, String name, String contentType,
            long declaredBytes, InputStream body) {
        scope.require(Permission.OPERATE);
        FileRows.Owner owner = owner(scope, connectionId);
        if (!connectors.readsUploads(owner.connectorId())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "this connection's connector (" + owner.connectorId()
                    + ") does not read uploaded files; upload to a connection of " + String.join(" or ",
                            connectors.uploadConnectors()));
        }
        String kept = UploadNames.sanitise(name);
        requireDeclaredSize(declaredBytes);
        // Before reading the body: a tenant at its cap, or one whose declared file would pass it, is refused at once.
        transactions.read(scope.tenant(), c -> {
            storage.requireRoom(c, scope.tenant(), Math.max(1, declaredBytes), false);
            return null;
        });
        try (UploadSpool spool = UploadSpool.of(body, maxUploadBytes)) {
            return store(scope, connectionId, kept, mediaType(contentType), spool);
        }
    }

    private ConnectionFile store(TenantScope scope, UUID connectionId, String name, String contentType,
            UploadSpool spool) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String uploadedBy = scope.actor().kindWire() + ":" + scope.actor().id();
        ConnectionFile stored = transactions.write(scope.tenant(), c -> {
            try (InputStream bytes = spool.open()) {
                FileRows.writeChunks(c, scope.tenant().value(), id, bytes, CHUNK_BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException("the received upload could not be read back", e);
            }
            // Locks the connection: uploads take their sequence numbers one at a time, in commit order.
            FileRows.owner(c, connectionId, true).orElseThrow(FileService::noSuchConnection);
            long sequence = FileRows.nextSequence(c, connectionId);
            FileRows.insert(c, scope.tenant().value(), id, connectionId, sequence, name, spool.size(), spool.sha256(),
                    contentType, CHUNK_BYTES, now, uploadedBy);
            // After the insert counted it, so that concurrent uploads cannot pass the cap together.
            storage.requireRoom(c, scope.tenant(), spool.size(), true);
            ConnectionFile file = FileRows.find(c, connectionId, id).map(FileService::file).orElseThrow();
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("connection-file.uploaded",
                    "connection-file", id).after(auditState(file)));
            return file;
        });
        LOG.info("File {} ({} bytes) uploaded to connection {} as number {}{}", id, stored.size(), connectionId,
                stored.sequence(), stored.duplicateOf() == null ? "" : ", a duplicate of " + stored.duplicateOf().id());
        return stored;
    }

    /** The connection's uploads, newest first, a page at a time. */
    public Page<ConnectionFile> list(TenantScope scope, UUID connectionId, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        Long before = cursor.map(FileService::sequenceOf).orElse(null);
        List<FileRows.Row> rows = transactions.read(scope.tenant(), c -> {
            FileRows.owner(c, connectionId, false).orElseThrow(FileService::noSuchConnection);
            return FileRows.newestFirst(c, connectionId, before, limit + 1);
        });
        return Page.of(rows.stream().map(FileService::file).toList(), limit, f -> Cursor.of(f.sequence()));
    }

    public ConnectionFile get(TenantScope scope, UUID connectionId, UUID fileId) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> FileRows.find(c, connectionId, fileId))
                .map(FileService::file).orElseThrow(FileService::noSuchFile);
    }

    /** An upload's bytes as they were uploaded, and what they are. */
    public record Content(ConnectionFile file, InputStream bytes) {
    }

    /** Opens an upload's bytes; the caller closes them. They are read a chunk at a time. */
    public Content content(TenantScope scope, UUID connectionId, UUID fileId) {
        scope.require(Permission.READ);
        ConnectionFile file = get(scope, connectionId, fileId);
        return new Content(file, stores.open(scope.tenant(), connectionId, fileId, file.size()));
    }

    /**
     * Deletes an upload (audited). What a run already read from it stays where it was written; a
     * source that has not read it yet never will.
     */
    public void delete(TenantScope scope, UUID connectionId, UUID fileId) {
        scope.require(Permission.OPERATE);
        transactions.write(scope.tenant(), c -> {
            ConnectionFile file = FileRows.find(c, connectionId, fileId).map(FileService::file)
                    .orElseThrow(FileService::noSuchFile);
            FileRows.delete(c, connectionId, fileId);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("connection-file.deleted",
                    "connection-file", fileId).before(auditState(file)));
            return null;
        });
        LOG.info("File {} of connection {} deleted", fileId, connectionId);
    }

    private FileRows.Owner owner(TenantScope scope, UUID connectionId) {
        return transactions.read(scope.tenant(), c -> FileRows.owner(c, connectionId, false))
                .orElseThrow(FileService::noSuchConnection);
    }

    static ConnectionFile file(FileRows.Row row) {
        ConnectionFile.Duplicate duplicate = row.duplicateOfId() == null ? null
                : new ConnectionFile.Duplicate(row.duplicateOfId(), row.duplicateOfName(), row.duplicateOfUploadedAt());
        return new ConnectionFile(row.id(), row.connectionId(), row.sequence(), row.name(), row.size(), row.sha256(),
                row.contentType(), row.uploadedAt(), row.uploadedBy(), duplicate,
                duplicate == null ? null : ConnectionFile.duplicateNote(duplicate));
    }

    private static Map<String, Object> auditState(ConnectionFile file) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("connectionId", file.connectionId().toString());
        state.put("name", file.name());
        state.put("size", file.size());
        state.put("sha256", file.sha256());
        state.put("sequence", file.sequence());
        return state;
    }

    /** The declared media type without parameters, lower case; null unless it looks like one. */
    static String mediaType(String declared) {
        if (declared == null) {
            return null;
        }
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(type).matches() ? type : null;
    }

    private static long sequenceOf(String cursor) {
        try {
            return Long.parseLong(Cursor.decode(cursor, 1).get(0));
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }

    static ProblemException noSuchConnection() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such connection.");
    }

    private static ProblemException noSuchFile() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such file.");
    }
}
