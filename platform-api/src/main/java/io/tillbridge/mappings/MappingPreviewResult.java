package io.tillbridge.mappings;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A mapping applied to a few records: per record its outputs or its field errors, and for an
 * aggregating mapping the grouped rows.
 */
@Serdeable
@Schema(description = "Outputs and per-field errors of a mapping applied to a few records")
public record MappingPreviewResult(
        @Schema(description = "Which mapping was applied: draft, or the version number") String mapping,
        List<RecordResult> records,
        @Schema(description = "Grouped rows of an aggregating mapping; else empty") List<Map<String, Object>> aggregated,
        @Schema(description = "Journals that do not balance; else empty") List<MappingError> aggregateErrors) {

    /** One input record's outcome. */
    @Serdeable
    public record RecordResult(
            @Schema(description = "0-based position in the input") int index,
            List<Map<String, Object>> outputs,
            List<MappingError> errors) {
    }
}
