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
