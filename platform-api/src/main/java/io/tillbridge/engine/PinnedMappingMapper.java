package io.tillbridge.engine;

import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.RecordOutcome;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.ErrorCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run's mapper for an integration pinned to a mapping version: each source record goes through
 * the compiled mapping. One output keeps the source key; a flattened record's outputs are keyed
 * {@code <source key>/<n>} (their order in the record), so each line is its own ledger entry. Field
 * errors hold the record in the error inbox with their category, path and hint.
 */
final class PinnedMappingMapper implements RecordMapper {

    private final String identity;
    private final CompiledMapping mapping;

    PinnedMappingMapper(UUID integrationId, int version, CompiledMapping mapping) {
        this.identity = "mapping:" + integrationId + ":v" + version;
        this.mapping = mapping;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public Result map(SourceRecord record) {
        RecordOutcome outcome = mapping.map(record);
        if (!outcome.ok()) {
            return new Result(List.of(), failures(outcome.errors()));
        }
        List<Map<String, Object>> rows = outcome.outputs();
        if (rows.size() == 1) {
            return Result.of(new Output(record.key(), rows.get(0)));
        }
        List<Output> outputs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            outputs.add(new Output(record.key() + "/" + (i + 1), rows.get(i)));
        }
        return new Result(outputs, List.of());
    }

    /** The inbox failures of a mapping's field errors. */
    static List<Failure> failures(List<FieldError> errors) {
        List<Failure> failures = new ArrayList<>(errors.size());
        for (FieldError error : errors) {
            String path = error.path() == null || error.path().isEmpty() ? null : error.path();
            failures.add(new Failure(category(error.category()), path, error.message(), error.hint(), error.value()));
        }
        return failures;
    }

    private static ErrorCategory category(FieldError.Category category) {
        switch (category) {
            case UNMAPPED_VALUE:
                return ErrorCategory.UNMAPPED_VALUE;
            case VALUE:
                return ErrorCategory.VALUE;
            default:
                return ErrorCategory.MAPPING;
        }
    }
}
