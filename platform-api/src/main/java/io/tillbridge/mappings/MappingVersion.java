package io.tillbridge.mappings;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One saved version of an integration's mapping. Versions never change. */
@Serdeable
@Schema(description = "One saved, immutable version of an integration's mapping")
public record MappingVersion(
        UUID integrationId,
        @Schema(example = "3") int version,
        @Schema(description = "Whether the integration runs with this version") boolean pinned,
        @Schema(description = "The mapping: steps, fields, valueMaps, rates, aggregate") Map<String, Object> spec,
        Instant createdAt,
        @Schema(example = "user:4f1c...", description = "Who saved it: kind and id") String createdBy,
        @Schema(example = "ada@example.com") String createdByLabel) {
}
