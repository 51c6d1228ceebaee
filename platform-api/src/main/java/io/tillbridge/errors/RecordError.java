package io.tillbridge.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One error of the inbox: a record of an integration that could not be written, and why. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A record that could not be written, with why and what to do")
public record RecordError(
        UUID id,
        UUID integrationId,
        @Schema(description = "The run that last saw the failure") UUID runId,
        String sourceKey,
        @Schema(allowableValues = {"auth", "mapping", "value", "unmapped_value", "rate_limit", "transient",
                "rejected_by_target", "duplicate",
                "missing_reference"}) String category,
        String message,
        @Schema(description = "The field the error is about, e.g. lines[2].price") String fieldPath,
        String hint,
        @Schema(allowableValues = {"open", "resolved", "ignored", "retried"}) String status,
        @Schema(description = "How often this record failed this way while the error was open") int occurrences,
        Instant firstSeenAt,
        Instant lastSeenAt,
        @Schema(description = "The retry run queued for it, while retried") UUID retryRunId,
        @Schema(description = "When it was resolved or ignored") Instant closedAt,
        @Schema(description = "The source record as read (stream, key, version, data); in the detail only")
        Map<String, Object> sourceRecord) {

    /** The same error without its stored record, for lists. */
    public RecordError summary() {
        return new RecordError(id, integrationId, runId, sourceKey, category, message, fieldPath, hint, status,
                occurrences, firstSeenAt, lastSeenAt, retryRunId, closedAt, null);
    }
}
