package io.tillbridge.connector.mapping;

import java.util.List;
import java.util.Map;

/**
 * A mapping applied to a handful of records.
 *
 * @param records one outcome per input record, in input order
 * @param aggregated the grouped rows, for a mapping with an aggregate; else empty
 * @param aggregateErrors errors of the grouping (a journal that does not balance, or is held with a
 *     record that did not map); else empty
 * @param pending how many groups (journals, with a balance) are not final yet and are not shown
 *     ({@link MappingSpec.Final}); 0 without {@code final}
 */
public record MappingPreview(List<RecordOutcome> records, List<Map<String, Object>> aggregated,
        List<FieldError> aggregateErrors, int pending) {

    public MappingPreview {
        records = List.copyOf(records);
        aggregated = List.copyOf(aggregated);
        aggregateErrors = List.copyOf(aggregateErrors);
    }

    /** A preview with nothing pending. */
    public MappingPreview(List<RecordOutcome> records, List<Map<String, Object>> aggregated,
            List<FieldError> aggregateErrors) {
        this(records, aggregated, aggregateErrors, 0);
    }
}
