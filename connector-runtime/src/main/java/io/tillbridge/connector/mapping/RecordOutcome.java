package io.tillbridge.connector.mapping;

import java.util.List;
import java.util.Map;

/**
 * What a mapping made of one source record: output records (none when a filter dropped it, several
 * when it was flattened) or, if any field failed, no outputs and every field error. A record with
 * errors is held, never half-written.
 *
 * @param outputs the output records, in the value model of {@link io.tillbridge.connector.spi.SourceRecord}
 * @param errors the field errors; empty when the record mapped
 */
public record RecordOutcome(List<Map<String, Object>> outputs, List<FieldError> errors) {

    public RecordOutcome {
        outputs = List.copyOf(outputs);
        errors = List.copyOf(errors);
    }

    static RecordOutcome failed(List<FieldError> errors) {
        return new RecordOutcome(List.of(), errors);
    }

    /** Whether the record mapped without errors. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
