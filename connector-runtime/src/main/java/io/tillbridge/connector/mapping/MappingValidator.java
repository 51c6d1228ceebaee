package io.tillbridge.connector.mapping;

import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Save-time validation of a mapping: it compiles; every field the target requires is mapped; the
 * types fit the target; source paths exist; and a dry run over the sample records maps them.
 * Every error names the field path and how to fix it.
 */
public final class MappingValidator {

    private MappingValidator() {
    }

    /**
     * Validates a spec.
     *
     * @param source the discovered source stream, or null when unknown (no path or dry-run checks)
     * @param target the discovered target object, or null when unknown (no required or type checks)
     * @param samples records to dry-run; empty for none (see {@link #sampleRecords(StreamDescriptor)})
     * @return the errors; empty when the mapping may be saved
     */
    public static List<FieldError> validate(MappingSpec spec, StreamDescriptor source, StreamDescriptor target,
            List<Map<String, Object>> samples) {
        MappingCompiler.Compilation compilation = MappingCompiler.compile(spec);
        if (!compilation.ok()) {
            return compilation.errors();
        }
        CompiledMapping mapping = compilation.mapping();
        List<FieldError> errors = new ArrayList<>();
        if (source != null) {
            checkSourcePaths(spec, source, errors);
        }
        if (target != null) {
            checkTarget(mapping, source, target, errors);
        }
        for (int i = 0; i < samples.size(); i++) {
            RecordOutcome outcome = mapping.map(samples.get(i));
            for (FieldError e : outcome.errors()) {
                errors.add(new FieldError(e.path(), e.category(), "sample record " + (i + 1) + ": " + e.message(),
                        e.hint(), e.value()));
            }
        }
        return errors;
    }

    private static void checkSourcePaths(MappingSpec spec, StreamDescriptor source, List<FieldError> errors) {
        Set<String> known = new LinkedHashSet<>();
        for (FieldDescriptor f : source.fields()) {
            known.add(f.name());
            known.add(head(f.name()));
        }
        String alias = null;
        for (MappingSpec.Step step : spec.steps()) {
            if (step.flatten() != null) {
                alias = step.flatten().as() == null ? "item" : step.flatten().as();
            }
        }
        for (MappingSpec.FieldRule rule : spec.fields()) {
            List<String> paths = new ArrayList<>();
            if (rule.source() != null) {
                paths.add(rule.source());
            }
            if (rule.sources() != null) {
                paths.addAll(rule.sources());
            }
            for (String p : paths) {
                ValuePath path = ValuePath.parse(p, alias);
                if (path.fromAlias() || known.contains(path.fieldName()) || known.contains(path.head())) {
                    continue;
                }
                String closest = FieldSuggestions.closest(path.fieldName(), known);
                errors.add(FieldError.mapping(rule.target(), "the source has no field '" + p + "'",
                        closest.isEmpty() ? "Pick a field the source's discovery lists."
                                : "Did you mean '" + closest + "'?"));
            }
        }
    }

    private static void checkTarget(CompiledMapping mapping, StreamDescriptor source, StreamDescriptor target,
            List<FieldError> errors) {
        Map<String, FieldDescriptor> targetFields = new LinkedHashMap<>();
        target.fields().forEach(f -> targetFields.put(f.name(), f));
        Map<String, FieldDescriptor> sourceFields = new LinkedHashMap<>();
        if (source != null) {
            source.fields().forEach(f -> sourceFields.put(f.name(), f));
        }
        Set<String> produced = new LinkedHashSet<>(mapping.targets());
        MappingSpec.Aggregate aggregate = mapping.spec().aggregate();
        if (aggregate != null && aggregate.document() != null && aggregate.balance() != null) {
            // A document: the journal's fields at the top, its groups under the lines field.
            produced = new LinkedHashSet<>(aggregate.balance().by());
            String lines = aggregate.document().lines();
            produced.add(lines);
            // A line holds the groups' other fields: a target that describes them as 'lines.<field>'.
            List<String> lineFields = new java.util.ArrayList<>(aggregate.groupBy());
            lineFields.addAll(aggregate.sum());
            if (aggregate.count() != null) {
                lineFields.add(aggregate.count());
            }
            for (String f : lineFields) {
                if (!aggregate.balance().by().contains(f)) {
                    produced.add(lines + "." + f);
                }
            }
        } else if (aggregate != null) {
            produced = new LinkedHashSet<>(aggregate.groupBy());
            produced.addAll(aggregate.sum());
            if (aggregate.count() != null) {
                produced.add(aggregate.count());
            }
        }
        for (FieldDescriptor f : target.fields()) {
            if (!f.nullable() && !produced.contains(f.name())) {
                List<FieldSuggestions.Suggestion> pair = source == null ? List.of()
                        : FieldSuggestions.suggest(source.fields(), List.of(f));
                errors.add(FieldError.mapping(f.name(), "the target requires '" + f.name() + "' but nothing maps it",
                        pair.isEmpty() ? "Add a rule with \"target\": \"" + f.name() + "\"."
                                : "Add a rule with \"target\": \"" + f.name() + "\", e.g. from source '" + pair.get(0).source() + "'."));
            }
        }
        for (CompiledField field : mapping.fields()) {
            if (aggregate != null && !produced.contains(field.target)) {
                continue;
            }
            FieldDescriptor t = targetFields.get(field.target);
            if (t == null) {
                if (!targetFields.isEmpty() && !target.openSchema()) {
                    String closest = FieldSuggestions.closest(field.target, targetFields.keySet());
                    errors.add(FieldError.mapping(field.target, "the target has no field '" + field.target + "'",
                            closest.isEmpty() ? "Map to one of " + targetFields.keySet() + "." : "Did you mean '" + closest + "'?"));
                }
                continue;
            }
            ValueType type = field.producedType;
            if (type == null) {
                type = copiedType(mapping, field, sourceFields);
            }
            if (type == null && isStructured(mapping, field, sourceFields) && t.type() != FieldType.OBJECT
                    && t.type() != FieldType.ARRAY && t.type() != FieldType.UNKNOWN) {
                errors.add(FieldError.mapping(field.target, "an object or array cannot go into "
                        + t.type().name().toLowerCase(java.util.Locale.ROOT) + " field '" + field.target + "'",
                        "Pick a field inside it, e.g. 'amount', or flatten the array."));
            } else if (type != null && !type.fits(t.type())) {
                errors.add(FieldError.mapping(field.target, type.wireName() + " does not fit the target's "
                        + t.type().name().toLowerCase(java.util.Locale.ROOT) + " field '" + field.target + "'",
                        "Add \"type\": \"" + ValueType.forTarget(t.type()).wireName() + "\" to cast it, or map another field."));
            }
        }
    }

    private static ValueType copiedType(CompiledMapping mapping, CompiledField field, Map<String, FieldDescriptor> sourceFields) {
        MappingSpec.FieldRule rule = rule(mapping, field);
        if (rule == null || rule.source() == null) {
            return null;
        }
        FieldDescriptor s = sourceFields.get(ValuePath.parse(rule.source(), null).fieldName());
        if (s == null) {
            return null;
        }
        switch (s.type()) {
            case STRING:
                return ValueType.STRING;
            case NUMBER:
                return ValueType.DECIMAL;
            case BOOLEAN:
                return ValueType.BOOLEAN;
            default:
                return null;
        }
    }

    private static boolean isStructured(CompiledMapping mapping, CompiledField field, Map<String, FieldDescriptor> sourceFields) {
        MappingSpec.FieldRule rule = rule(mapping, field);
        if (rule == null || rule.source() == null) {
            return false;
        }
        FieldDescriptor s = sourceFields.get(ValuePath.parse(rule.source(), null).fieldName());
        return s != null && (s.type() == FieldType.OBJECT || s.type() == FieldType.ARRAY);
    }

    private static MappingSpec.FieldRule rule(CompiledMapping mapping, CompiledField field) {
        for (MappingSpec.FieldRule r : mapping.spec().fields()) {
            if (field.target.equals(r.target())) {
                return r;
            }
        }
        return null;
    }

    /**
     * Sample records rebuilt from discovery: record i holds each field's i-th sample, nested paths
     * ({@code customer.email}) as nested objects. Top-level samples that are whole objects or arrays
     * are taken as they are.
     */
    public static List<Map<String, Object>> sampleRecords(StreamDescriptor stream) {
        int count = 0;
        for (FieldDescriptor f : stream.fields()) {
            count = Math.max(count, f.samples().size());
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (FieldDescriptor f : stream.fields()) {
                if (i >= f.samples().size()) {
                    continue;
                }
                put(record, f.name().split("\\."), f.samples().get(i));
            }
            records.add(record);
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> record, String[] path, Object value) {
        Map<String, Object> node = record;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = node.get(path[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                node.put(path[i], next);
            } else if (!(next instanceof LinkedHashMap)) {
                next = new LinkedHashMap<>((Map<String, Object>) next);
                node.put(path[i], next);
            }
            node = (Map<String, Object>) next;
        }
        if (!node.containsKey(path[path.length - 1]) || value != null && !(value instanceof Map)) {
            node.put(path[path.length - 1], value);
        }
    }

    private static String head(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
