package io.tillbridge.integrations;

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
        @Schema(description = "shadow or live; stored only for now: shadow behaviour comes in a later step",
                allowableValues = {"shadow", "live"}) String mode,
        @Schema(allowableValues = {"active", "paused"}) String status,
        @Schema(description = "How source records become target records; identity only for now",
                allowableValues = {"identity"}) String mapping,
        @Schema(example = "1", description = "Sent as the ETag") int version,
        Instant createdAt,
        Instant updatedAt) {

    public boolean paused() {
        return "paused".equals(status);
    }
}
