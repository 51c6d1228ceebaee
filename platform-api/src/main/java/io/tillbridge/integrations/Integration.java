package io.tillbridge.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** An integration as the API shows it: one stream of a source connection into one object of a target. */
@Serdeable
@Schema(description = "Moves one stream of a source connection into one object of a target connection")
public record Integration(
        UUID id,
        @Schema(example = "Orders to warehouse") String name,
        UUID sourceConnectionId,
        @Schema(example = "records") String sourceStream,
        UUID targetConnectionId,
        @Schema(example = "orders") String targetObject,
        @Schema(description = "shadow: runs compute what they would write and store it as shadow changes, writing"
                + " nothing to the target; live: runs write", allowableValues = {"shadow", "live"}) String mode,
        @Schema(allowableValues = {"active", "paused"}) String status,
        @Schema(description = "How source records become target records when no mapping version is pinned: identity."
                + " A version pinned under .../mappings is what runs use instead",
                allowableValues = {"identity"}) String mapping,
        @Schema(example = "1", description = "Sent as the ETag") int version,
        @Nullable @Schema(example = "100", description = "How many record errors a run tolerates: one more fails the"
                + " run; absent: no limit") Integer maxRecordErrors,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
        @Schema(description = "The template and version it was installed from (it may have been changed since);"
                + " null for an integration made by hand") TemplateOrigin template) {

    public boolean paused() {
        return "paused".equals(status);
    }
}
