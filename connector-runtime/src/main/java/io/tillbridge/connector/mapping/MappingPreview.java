package io.tillbridge.connector.mapping;

import java.util.List;
import java.util.Map;

/**
 * A mapping applied to a handful of records.
 *
 * @param records one outcome per input record, in input order
 * @param aggregated the grouped rows, for a mapping with an aggregate; else empty
 * @param aggregateErrors errors of the grouping (a journal that does not balance); else empty
 */
public record MappingPreview(List<RecordOutcome> records, List<Map<String, Object>> aggregated,
        List<FieldError> aggregateErrors) {

    public MappingPreview {
        records = List.copyOf(records);
        aggregated = List.copyOf(aggregated);
        aggregateErrors = List.copyOf(aggregateErrors);
    }
}
