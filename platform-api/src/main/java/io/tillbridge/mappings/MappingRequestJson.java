package io.tillbridge.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the mapping requests, read as the API has always read it: a spec refuses unknown
 * properties and keeps every number exact ({@link MappingSpecJson}), and each error names its field.
 * A spec that does not parse answers 422 ({@link InvalidMappingException}) with paths inside the
 * spec; a preview or suggestion body that is not an object, or whose members have the wrong form,
 * answers 400. Unknown members of a preview or suggestion body are ignored; a blank body is an empty
 * object.
 */
public final class MappingRequestJson {

    private MappingRequestJson() {
    }

    /** A mapping spec; 422 naming the path of the first member that does not parse. */
    public static MappingSpec spec(String json) {
        MappingSpecJson.Parsed parsed = MappingSpecJson.read(json == null ? "" : json);
        if (!parsed.ok()) {
            throw new InvalidMappingException(parsed.errors());
        }
        return parsed.spec();
    }

    /** {@code {spec?, version?, records?}}: a version is read only without a spec, which takes precedence. */
    public static MappingPreviewRequest preview(String json) {
        JsonNode request = object(json);
        MappingSpec spec = request.hasNonNull("spec") ? spec(request.get("spec").toString()) : null;
        Integer version = spec == null && request.hasNonNull("version") ? version(request.get("version")) : null;
        return new MappingPreviewRequest(spec, version, records(request.get("records")));
    }

    /** {@code {source?: [{name, type}], target?: [{name, type, required}]}}. */
    public static FieldSuggestionRequest suggestion(String json) {
        JsonNode request = object(json);
        List<FieldSuggestionRequest.Field> source = request.hasNonNull("source") ? fields(request.get("source"), "source")
                : null;
        List<FieldSuggestionRequest.Field> target = request.hasNonNull("target") ? fields(request.get("target"), "target")
                : null;
        return new FieldSuggestionRequest(source, target);
    }

    private static JsonNode object(String json) {
        JsonNode node;
        try {
            node = MappingSpecJson.parseTree(json == null || json.isBlank() ? "{}" : json);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, e.getMessage());
        }
        if (!node.isObject()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request body must be a JSON object.");
        }
        return node;
    }

    private static int version(JsonNode node) {
        if (!node.canConvertToInt() || node.asInt() < 1) {
            throw MappingPreviewRequest.versionNotPositive();
        }
        return node.asInt();
    }

    private static List<Map<String, Object>> records(JsonNode given) {
        if (given == null || given.isNull()) {
            return null;
        }
        if (!given.isArray()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "records must be an array of objects.",
                    List.of(new Problem.FieldError("records", "must be an array of objects")));
        }
        if (given.size() > MappingPreviewRequest.MAX_RECORDS) {
            throw MappingPreviewRequest.tooManyRecords();
        }
        List<Map<String, Object>> records = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            if (!given.get(i).isObject()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "records[" + i + "] is not an object.",
                        List.of(new Problem.FieldError("records[" + i + "]", "must be a JSON object")));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) MappingSpecJson.valueModel(given.get(i));
            records.add(record);
        }
        return records;
    }

    private static List<FieldSuggestionRequest.Field> fields(JsonNode list, String which) {
        if (!list.isArray()) {
            throw FieldSuggestionRequest.notAList(which);
        }
        List<FieldSuggestionRequest.Field> fields = new ArrayList<>(list.size());
        for (JsonNode f : list) {
            String name = f.hasNonNull("name") && f.get("name").isTextual() ? f.get("name").asText() : null;
            FieldDescriptor.FieldType type = f.hasNonNull("type") ? FieldSuggestionRequest.Field.typeNamed(f.get("type").asText())
                    : FieldDescriptor.FieldType.UNKNOWN;
            boolean required = f.hasNonNull("required") && f.get("required").asBoolean();
            fields.add(new FieldSuggestionRequest.Field(name, type, required));
        }
        return FieldSuggestionRequest.requireNames(which, fields);
    }
}
