package io.tillbridge.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A file uploaded to a connection, as the API shows it. When the same bytes were uploaded to the
 * connection before, {@code duplicateOf} names the first such upload and {@code note} says what
 * reading it again will do.
 */
@Serdeable
@Schema(description = "A file uploaded to a connection")
public record ConnectionFile(
        UUID id,
        UUID connectionId,
        @Schema(example = "7", description = "Increasing in upload order within the connection; the connection's"
                + " source reads files in this order") long sequence,
        @Schema(example = "sales-2026-12.csv") String name,
        @Schema(example = "48213", description = "Bytes") long size,
        @Schema(description = "Lower-case hex SHA-256 of the bytes") String sha256,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(example = "text/csv",
                description = "As the uploader declared it; downloads are served as application/octet-stream")
        String contentType,
        Instant uploadedAt,
        @Schema(example = "user:3f0c...", description = "Who uploaded it (kind:id)") String uploadedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The first earlier upload of the same bytes"
                + " to this connection; absent when there is none") Duplicate duplicateOf,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "What reading a duplicate does; absent when"
                + " not a duplicate") String note) {

    /** An earlier upload of the same bytes. */
    @Serdeable
    public record Duplicate(UUID id, String name, Instant uploadedAt) {
    }

    static String duplicateNote(Duplicate first) {
        return "The same bytes as " + first.name() + ", uploaded at " + first.uploadedAt()
                + ": reading this file again writes nothing new (records that did not change are skipped).";
    }
}
