package io.tillbridge.integrations.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.integrations.IntegrationDraft;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** An integration to create, or its new state. */
@Serdeable
@Schema(description = "One stream of a source connection into one object of a target connection, mapped as is")
public record IntegrationRequest(
        @Schema(example = "Orders to warehouse") @NotBlank @Size(max = 200) String name,
        @Schema(description = "A connection whose connector is a source") @NotNull UUID sourceConnectionId,
        @Schema(example = "records", description = "A stream of the source (see its discover)") @NotBlank @Size(max = 200)
        String sourceStream,
        @Schema(description = "A connection whose connector is a target") @NotNull UUID targetConnectionId,
        @Schema(example = "orders", description = "An object (table) of the target") @NotBlank @Size(max = 200)
        String targetObject,
        @Schema(description = "shadow (default) or live. A shadow run writes nothing to the target: it stores what"
                + " it would write, with the diff against the target's current rows", allowableValues = {"shadow", "live"})
        @Nullable String mode,
        @Schema(description = "How many record errors a run tolerates before it fails; absent: no limit")
        @Nullable @Min(0) Integer maxRecordErrors) {

    IntegrationDraft toDraft() {
        return new IntegrationDraft(name, sourceConnectionId, sourceStream, targetConnectionId, targetObject, mode,
                maxRecordErrors);
    }
}
