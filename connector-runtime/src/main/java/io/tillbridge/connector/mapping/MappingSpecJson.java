package io.tillbridge.connector.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/** Reads and writes {@link MappingSpec} as JSON; a spec that does not parse answers field errors. */
public final class MappingSpecJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MappingSpecJson() {
    }

    /** A parsed spec, or the reasons it did not parse. */
    public record Parsed(MappingSpec spec, List<FieldError> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return spec != null;
        }
    }

    public static Parsed read(String json) {
        try {
            return new Parsed(JSON.readValue(json, MappingSpec.class), List.of());
        } catch (JsonMappingException e) {
            return new Parsed(null, List.of(FieldError.mapping(path(e), e.getOriginalMessage(),
                    "Check the field's name and the type of its value against the mapping format.")));
        } catch (JsonProcessingException e) {
            return new Parsed(null, List.of(FieldError.mapping("", "not valid JSON: " + e.getOriginalMessage(),
                    "Send the mapping as a JSON object.")));
        }
    }

    public static Parsed read(JsonNode json) {
        return read(json.toString());
    }

    public static String write(MappingSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mapping spec is always writable", e);
        }
    }

    public static JsonNode tree(MappingSpec spec) {
        return JSON.valueToTree(spec);
    }

    /** A JSON tree in the record value model: objects as maps, arrays as lists, every number a BigDecimal. */
    public static Object valueModel(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), valueModel(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new java.util.ArrayList<>(node.size());
            node.forEach(n -> out.add(valueModel(n)));
            return out;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /** Parses JSON text into a tree, numbers kept exact; throws {@link IllegalArgumentException} for bad JSON. */
    public static JsonNode parseTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
