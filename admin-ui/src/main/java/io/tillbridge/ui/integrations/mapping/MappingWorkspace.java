package io.tillbridge.ui.integrations.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.DiscoveredCatalog;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.mapping.MappingValidator;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.ErrorStatus;
import io.tillbridge.errors.RecordError;
import io.tillbridge.integrations.Integration;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.FlatValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the builder starts from: the source stream's fields with types and samples, the target's
 * fields (required ones marked), the mapping to edit (the pinned version, else the newest, else
 * none), and up to {@value #MAX_RECORDS} sample records to preview: the records of the integration's
 * open errors first (of the kind being fixed, when one is), then the samples discovery found.
 * Fields of the error records that discovery does not know are listed with them. Discovery that is not allowed or not reachable leaves a note and the builder works without it.
 */
record MappingWorkspace(List<FieldDescriptor> sourceFields, List<FieldDescriptor> targetFields, MappingSpec spec,
        Integer baseVersion, SampleRecords samples, List<String> notes) {

    /** The sample records to preview, read back from their packed form. */
    List<Map<String, Object>> records() {
        return samples.records();
    }

    /** The same workspace with the source fields' sample values dropped, once they are shown. */
    MappingWorkspace withoutFieldSamples() {
        return new MappingWorkspace(sourceFields.stream()
                .map(f -> new FieldDescriptor(f.name(), f.type(), f.nullable(), List.of())).toList(),
                targetFields.stream().map(f -> new FieldDescriptor(f.name(), f.type(), f.nullable(), List.of())).toList(),
                spec, baseVersion, samples, notes);
    }

    /** Most sample records the preview maps. */
    static final int MAX_RECORDS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    static MappingWorkspace load(TenantScope scope, Integration integration, ConnectionService connections,
            MappingVersions versions, ErrorInbox inbox, ErrorCategory fixing) {
        List<String> notes = new ArrayList<>();
        Optional<StreamDescriptor> source = discover(scope, connections, integration.sourceConnectionId(),
                integration.sourceStream(), "source", notes);
        Optional<StreamDescriptor> target = discover(scope, connections, integration.targetConnectionId(),
                integration.targetObject(), "target", notes);
        List<Map<String, Object>> records = new ArrayList<>();
        for (RecordError summary : inbox.list(scope, new ErrorFilter(integration.id(), fixing, ErrorStatus.OPEN, null),
                Optional.empty(), MAX_RECORDS).items()) {
            Map<String, Object> stored = inbox.get(scope, summary.id()).sourceRecord();
            Object data = stored == null ? null : stored.get("data");
            if (data instanceof Map<?, ?> map) {
                records.add(normalized(map));
            }
        }
        source.map(MappingValidator::sampleRecords).orElse(List.of()).stream()
                .limit(Math.max(0, MAX_RECORDS - records.size())).forEach(records::add);
        List<FieldDescriptor> sourceFields = new ArrayList<>(source.map(StreamDescriptor::fields).orElse(List.of()));
        java.util.Set<String> known = new java.util.HashSet<>(sourceFields.stream().map(FieldDescriptor::name).toList());
        fieldsOf(records).stream().filter(f -> known.stream().noneMatch(k -> f.name().equals(k) || f.name().startsWith(k + ".")
                || f.name().startsWith(k + "["))).forEach(sourceFields::add);
        MappingSpec spec = null;
        Integer version = null;
        List<MappingVersion> saved = versions.list(scope, integration.id());
        Optional<MappingVersion> base = saved.stream().filter(MappingVersion::pinned).findFirst()
                .or(() -> saved.stream().findFirst());
        if (base.isPresent()) {
            spec = MappingSpecJson.read(JSON.valueToTree(base.get().spec())).spec();
            version = base.get().version();
        }
        return new MappingWorkspace(List.copyOf(sourceFields), target.map(StreamDescriptor::fields).orElse(List.of()),
                spec == null ? new MappingSpec(null, List.of(), null, null, null) : spec, version,
                SampleRecords.of(records), notes);
    }

    private static Optional<StreamDescriptor> discover(TenantScope scope, ConnectionService connections,
            java.util.UUID connectionId, String name, String which, List<String> notes) {
        try {
            DiscoveredCatalog catalog = connections.discover(scope, connectionId);
            Optional<StreamDescriptor> found = catalog.streams().stream().filter(s -> s.name().equals(name)).findFirst()
                    .map(s -> new StreamDescriptor(s.name(), s.fields().stream().map(f -> new FieldDescriptor(f.name(),
                            type(f.type()), f.nullable(), f.samples())).toList(), s.keyField(), s.cursorField(), s.openSchema()));
            if (found.isEmpty()) {
                notes.add("The " + which + " has no stream or object named " + name + ".");
            }
            return found;
        } catch (ProblemException e) {
            notes.add("The " + which + "'s fields could not be discovered (" + e.getMessage() + ")"
                    + (which.equals("target") ? ": add the target fields by name." : "."));
            return Optional.empty();
        }
    }

    private static FieldDescriptor.FieldType type(String name) {
        try {
            return FieldDescriptor.FieldType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return FieldDescriptor.FieldType.UNKNOWN;
        }
    }

    /** Fields of records, when discovery could not tell them: each path with its type and samples. */
    static List<FieldDescriptor> fieldsOf(List<Map<String, Object>> records) {
        Map<String, List<Object>> samples = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            FlatValues.of(record).forEach((path, value) -> {
                List<Object> seen = samples.computeIfAbsent(path, k -> new ArrayList<>());
                if (seen.size() < 5 && !seen.contains(value)) {
                    seen.add(value);
                }
            });
        }
        List<FieldDescriptor> fields = new ArrayList<>();
        samples.forEach((path, values) -> {
            Object first = values.isEmpty() ? null : values.get(0);
            FieldDescriptor.FieldType t = first instanceof BigDecimal ? FieldDescriptor.FieldType.NUMBER
                    : first instanceof Boolean ? FieldDescriptor.FieldType.BOOLEAN
                    : first instanceof String ? FieldDescriptor.FieldType.STRING : FieldDescriptor.FieldType.UNKNOWN;
            fields.add(new FieldDescriptor(path, t, true, values));
        });
        return fields;
    }

    /** A stored record in the record value model: objects as maps, arrays as lists, numbers as BigDecimal. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalized(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), normalizedValue(v)));
        return out;
    }

    private static Object normalizedValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return normalized(m);
        } else if (v instanceof List<?> l) {
            return l.stream().map(MappingWorkspace::normalizedValue).collect(java.util.stream.Collectors.toList());
        } else if (v instanceof BigDecimal) {
            return v;
        } else if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return v;
    }
}
