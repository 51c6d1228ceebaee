package io.tillbridge.mappings;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.List;
import java.util.Locale;

/**
 * The fields to pair: each list that is null is discovered from the integration's connection.
 *
 * @param source the source's fields
 * @param target the target's fields
 */
@Schema(description = "Source and target fields to pair; each missing list is discovered")
public record FieldSuggestionRequest(
        @Nullable @Schema(description = "The source's fields") List<Field> source,
        @Nullable @Schema(description = "The target's fields") List<Field> target) {

    /** 400 naming the first field without a name. */
    public FieldSuggestionRequest {
        source = requireNames("source", source);
        target = requireNames("target", target);
    }

    /** Both lists discovered. */
    public static FieldSuggestionRequest discovered() {
        return new FieldSuggestionRequest(null, null);
    }

    /**
     * One field.
     *
     * @param name the field's path
     * @param type its value type; {@code UNKNOWN} when null
     * @param required whether the field must have a value
     */
    @Schema(name = "SuggestionField", description = "A field by name and type")
    public record Field(
            @Schema(example = "item_code", requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Nullable @Schema(implementation = String.class, allowableValues = {"string", "number", "boolean", "object",
                "array"}, example = "string", description = "Any other name is an unknown type") FieldDescriptor.FieldType type,
            @Schema(description = "For target fields: whether the target requires a value") boolean required) {

        public Field {
            type = type == null ? FieldDescriptor.FieldType.UNKNOWN : type;
        }

        FieldDescriptor descriptor() {
            return new FieldDescriptor(name, type, !required, List.of());
        }

        /** The type by its name in any case; {@code UNKNOWN} for a name that is none of the types. */
        static FieldDescriptor.FieldType typeNamed(String name) {
            try {
                return FieldDescriptor.FieldType.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return FieldDescriptor.FieldType.UNKNOWN;
            }
        }
    }

    static List<Field> requireNames(String which, List<Field> fields) {
        if (fields == null) {
            return null;
        }
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (field == null || field.name() == null || field.name().isBlank()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, which + "[" + i + "] has no name.",
                        List.of(new Problem.FieldError(which + "[" + i + "].name", "must not be blank")));
            }
        }
        return List.copyOf(fields);
    }

    static ProblemException notAList(String which) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, which + " must be an array of fields.",
                List.of(new Problem.FieldError(which, "must be an array of {name, type}")));
    }
}
