package io.tillbridge.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Derives a stream's top-level fields, types and up to five sample values from sample records. */
public final class FieldSampler {

    private static final int SAMPLES = 5;

    private FieldSampler() {
    }

    public static List<FieldDescriptor> fields(List<JsonNode> records) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        Map<String, Boolean> nullable = new LinkedHashMap<>();
        Map<String, List<Object>> samples = new LinkedHashMap<>();
        for (JsonNode record : records) {
            record.fieldNames().forEachRemaining(name -> types.putIfAbsent(name, FieldType.UNKNOWN));
        }
        for (JsonNode record : records) {
            for (String name : types.keySet()) {
                JsonNode value = record.get(name);
                if (value == null || value.isNull()) {
                    nullable.put(name, true);
                    continue;
                }
                FieldType type = typeOf(value);
                types.merge(name, type, (known, seen) -> known == FieldType.UNKNOWN || known == seen ? seen : FieldType.UNKNOWN);
                List<Object> values = samples.computeIfAbsent(name, n -> new ArrayList<>());
                Object sample = JsonValues.toValue(value);
                if (values.size() < SAMPLES && !values.contains(sample)) {
                    values.add(sample);
                }
            }
        }
        List<FieldDescriptor> fields = new ArrayList<>();
        types.forEach((name, type) -> fields.add(new FieldDescriptor(name, type, nullable.getOrDefault(name, false),
                samples.getOrDefault(name, List.of()))));
        return fields;
    }

    private static FieldType typeOf(JsonNode value) {
        if (value.isTextual()) {
            return FieldType.STRING;
        } else if (value.isNumber()) {
            return FieldType.NUMBER;
        } else if (value.isBoolean()) {
            return FieldType.BOOLEAN;
        } else if (value.isObject()) {
            return FieldType.OBJECT;
        } else if (value.isArray()) {
            return FieldType.ARRAY;
        }
        return FieldType.UNKNOWN;
    }
}
