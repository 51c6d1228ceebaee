package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled mapping: immutable and thread-safe, so one instance per mapping version serves every
 * run and preview. {@link #map(Map)} turns one source record into output rows or field errors and
 * never throws. The outputs of one record weigh at most {@link #MAX_OUTPUT_BYTES} together
 * (estimated, {@link ValueSize}); a record whose outputs would weigh more is a record error.
 */
public final class CompiledMapping {

    /** The most the outputs of one record may weigh together (estimated): 1 MiB. */
    public static final long MAX_OUTPUT_BYTES = 1L << 20;

    /** A compiled step: a flatten by path or expression, or a filter. */
    record CompiledStep(ValuePath flattenPath, CelExpression flattenExpression, CelExpression filter) {
    }

    private final MappingSpec spec;
    private final List<CompiledStep> steps;
    private final List<CompiledField> fields;
    private final CompiledField[] fieldArray;
    private final String alias;

    CompiledMapping(MappingSpec spec, List<CompiledStep> steps, List<CompiledField> fields, String alias) {
        this.spec = spec;
        this.steps = List.copyOf(steps);
        this.fields = List.copyOf(fields);
        this.fieldArray = fields.toArray(new CompiledField[0]);
        this.alias = alias;
    }

    public MappingSpec spec() {
        return spec;
    }

    /** The target fields in the order of the spec. */
    public List<String> targets() {
        return fields.stream().map(f -> f.target).toList();
    }

    List<CompiledField> fields() {
        return fields;
    }

    /** Whether rows are grouped across records ({@link #newAggregation()}). */
    public boolean aggregates() {
        return spec.aggregate() != null;
    }

    /**
     * Maps one source record (the value model of {@link io.tillbridge.connector.spi.SourceRecord}).
     * With an aggregate, the outputs are the mapped rows before grouping: feed them to an
     * {@link Aggregation}.
     */
    public RecordOutcome map(Map<String, Object> record) {
        if (record == null) {
            return RecordOutcome.failed(List.of(FieldError.value("", "the record is empty", "Send a JSON object.", null)));
        }
        try {
            return mapRows(record);
        } catch (RuntimeException e) {
            return RecordOutcome.failed(List.of(FieldError.value("", "the record could not be mapped: " + e,
                    "Check the record's shape against the mapping.", null)));
        }
    }

    /** Maps one record read from a source: {@link #map(Map)} of its data. */
    public RecordOutcome map(io.tillbridge.connector.spi.SourceRecord record) {
        return map(record == null ? null : record.data());
    }

    /** The rows a record's steps make: {@code rows} null for the single unflattened row; or why they failed. */
    private record Stepped(List<Object> rows, RecordOutcome failure) {
    }

    private RecordOutcome mapRows(Map<String, Object> record) {
        Stepped stepped = steps(record);
        if (stepped.failure() != null) {
            return stepped.failure();
        }
        List<Object> rows = stepped.rows();
        List<FieldError> errors = null;
        if (rows == null) {
            Map<String, Object> out = new LinkedHashMap<>(fieldArray.length * 2);
            errors = mapRow(record, null, out, null, errors);
            if (errors == null && ValueSize.of(out, MAX_OUTPUT_BYTES) > MAX_OUTPUT_BYTES) {
                return tooLarge(1);
            }
            return errors == null ? new RecordOutcome(List.of(out), List.of()) : RecordOutcome.failed(errors);
        }
        List<Map<String, Object>> outputs = new ArrayList<>(rows.size());
        long size = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> out = new LinkedHashMap<>(fieldArray.length * 2);
            errors = mapRow(record, rows.get(i), out, alias + "[" + i + "]", errors);
            outputs.add(out);
            size += ValueSize.of(out, MAX_OUTPUT_BYTES);
            if (size > MAX_OUTPUT_BYTES) {
                return tooLarge(i + 1);
            }
        }
        return errors == null ? new RecordOutcome(outputs, List.of()) : RecordOutcome.failed(errors);
    }

    private Stepped steps(Map<String, Object> record) {
        List<Object> rows = null; // alias values; null list means the single unflattened row
        for (CompiledStep step : steps) {
            if (step.filter() != null) {
                List<Object> kept = new ArrayList<>();
                for (Object row : rows == null ? java.util.Collections.singletonList(null) : rows) {
                    try {
                        Object keep = step.filter().evaluate(record, row);
                        if (!(keep instanceof Boolean)) {
                            throw new ValueException("the filter answered " + Values.display(keep) + ", not true or false",
                                    "Make the filter a comparison.", keep);
                        }
                        if ((Boolean) keep) {
                            kept.add(row);
                        }
                    } catch (ValueException e) {
                        return new Stepped(null, RecordOutcome.failed(List.of(e.toError("filter"))));
                    }
                }
                rows = kept;
            } else {
                List<Object> flattened = new ArrayList<>();
                for (Object row : rows == null ? java.util.Collections.singletonList(null) : rows) {
                    Object array;
                    try {
                        array = step.flattenPath() != null ? step.flattenPath().read(record, row)
                                : step.flattenExpression().evaluate(record, row);
                    } catch (ValueException e) {
                        return new Stepped(null, RecordOutcome.failed(List.of(e.toError("flatten"))));
                    }
                    if (array instanceof List) {
                        flattened.addAll((List<?>) array);
                    } else if (array != null) {
                        String at = step.flattenPath() != null ? step.flattenPath().text() : "flatten";
                        return new Stepped(null, RecordOutcome.failed(List.of(FieldError.value(at,
                                ValueType.kind(array) + " is not an array", "Flatten an array such as line_items.", array))));
                    }
                }
                rows = flattened;
            }
        }
        return new Stepped(rows, null);
    }

    /**
     * The rows of a record that failed to map, as far as they did map: each with the fields whose
     * rules succeeded, and whether all did. Empty when its steps failed. An aggregation uses them to
     * tell which journal a held record belongs to.
     */
    List<Map.Entry<Map<String, Object>, Boolean>> partialRows(Map<String, Object> record) {
        return rows(record).stream().map(r -> Map.entry(r.mapped(), r.errors().isEmpty())).toList();
    }

    /**
     * One row of a record as far as it mapped.
     *
     * @param mapped the fields whose rules succeeded
     * @param errors the errors of the other fields; empty when the row mapped in full
     */
    public record PartialRow(Map<String, Object> mapped, List<FieldError> errors) {
        public PartialRow {
            mapped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapped));
            errors = List.copyOf(errors);
        }
    }

    /**
     * The rows of a record, each as far as it mapped with the errors of its fields (such as a value
     * not in its value map); empty when the record's steps failed. A journal preview uses them to name
     * what a held record carries.
     */
    public List<PartialRow> rows(Map<String, Object> record) {
        List<PartialRow> out = new ArrayList<>();
        if (record == null) {
            return out;
        }
        try {
            Stepped stepped = steps(record);
            if (stepped.failure() != null) {
                return out;
            }
            for (Object row : stepped.rows() == null ? java.util.Collections.singletonList(null) : stepped.rows()) {
                Map<String, Object> mapped = new LinkedHashMap<>(fieldArray.length * 2);
                List<FieldError> errors = mapRow(record, row, mapped, null, null);
                out.add(new PartialRow(mapped, errors == null ? List.of() : errors));
            }
        } catch (RuntimeException e) {
            // A record that cannot even be stepped through names no journal; its own error says why.
        }
        return out;
    }

    private static RecordOutcome tooLarge(int rows) {
        return RecordOutcome.failed(List.of(FieldError.value("", "the mapped record is larger than "
                + MAX_OUTPUT_BYTES / (1024 * 1024) + " MiB" + (rows > 1 ? " after " + rows + " rows" : ""),
                "Map fewer or shorter fields, or flatten fewer rows per record.", null)));
    }

    private List<FieldError> mapRow(Map<String, Object> record, Object row, Map<String, Object> out, String rowName,
            List<FieldError> errors) {
        Map<String, Map<String, BigDecimal>> rates = spec.rates();
        for (CompiledField field : fieldArray) {
            try {
                field.put(out, field.apply(record, row, rates));
            } catch (ValueException e) {
                FieldError error = e.toError(field.target);
                if (rowName != null) {
                    error = new FieldError(field.target, error.category(), rowName + ": " + error.message(), error.hint(),
                            error.value());
                }
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.add(error);
            }
        }
        return errors;
    }

    /** A new, empty aggregation for one run or preview; only for a mapping that {@link #aggregates()}. */
    public Aggregation newAggregation() {
        if (spec.aggregate() == null) {
            throw new IllegalStateException("this mapping does not aggregate");
        }
        return new Aggregation(spec.aggregate(), this);
    }

    /**
     * Maps a batch of records, as the preview does: per-record outcomes and, for an aggregating
     * mapping, the grouped rows of the records that mapped, final as of now.
     */
    public MappingPreview preview(List<Map<String, Object>> records) {
        return preview(records, java.time.Instant.now());
    }

    /**
     * {@link #preview(List)} with the groups final as of {@code now} ({@link MappingSpec.Final}):
     * groups not final yet are counted in {@link MappingPreview#pending()}, not shown.
     */
    public MappingPreview preview(List<Map<String, Object>> records, java.time.Instant now) {
        List<RecordOutcome> outcomes = new ArrayList<>(records.size());
        Aggregation aggregation = aggregates() ? newAggregation() : null;
        List<FieldError> aggregateErrors = new ArrayList<>();
        for (Map<String, Object> record : records) {
            if (Thread.currentThread().isInterrupted()) {
                // The caller gave up (a preview past its time limit): stop mapping.
                break;
            }
            RecordOutcome outcome = map(record);
            outcomes.add(outcome);
            if (aggregation != null) {
                if (outcome.ok()) {
                    aggregateErrors.addAll(aggregation.add(outcome.outputs()));
                } else {
                    aggregation.hold(record);
                }
            }
        }
        if (aggregation == null) {
            return new MappingPreview(outcomes, List.of(), List.of());
        }
        Aggregation.Result result = aggregation.finish(now);
        aggregateErrors.addAll(result.errors());
        return new MappingPreview(outcomes, result.outputs(), aggregateErrors, result.pending());
    }
}
