package io.tillbridge.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Derives the JSON Schema (draft 2020-12) of a connector's config record from its components and
 * their annotations, so that the schema, the portal form and the validation never disagree (Kestra
 * derives its plugin schemas from {@code @PluginProperty} the same way).
 *
 * <p>Per component: {@code type} (and {@code format} for URIs, durations and date-times) from the
 * Java type; {@code title}, {@code description}, {@code default}, {@code examples}, {@code x-order}
 * and {@code x-group} from {@link ConfigProperty}; {@code required} from {@code @NotNull},
 * {@code @NotBlank}, {@code @NotEmpty} and primitive types; bounds from {@code @Min}, {@code @Max},
 * {@code @DecimalMin}, {@code @DecimalMax}, {@code @Positive}, {@code @Size} and {@code @Pattern};
 * {@code enum} from enum types; {@code writeOnly: true} and {@code x-secret: true} for secrets;
 * {@code x-target: true} for where the connector connects ({@link ConfigProperty#target()}, URI
 * types, and names ending in url, uri, host or endpoint).
 * Nested records become nested objects. Properties are listed in form order.
 */
public final class ConfigSchema {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    public static final String SECRET = "x-secret";
    /** Marks a property that names where the connector connects (see {@link ConfigProperty#target()}). */
    public static final String TARGET = "x-target";

    private static final java.util.regex.Pattern TARGET_NAME =
            java.util.regex.Pattern.compile("(?i).*(url|uri|host|endpoint)");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigSchema() {
    }

    /** The schema of a config record, with {@code $schema} and {@code title}. */
    public static ObjectNode of(Class<? extends Record> configType) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", configType.getSimpleName());
        schema.setAll(objectSchema(configType));
        return schema;
    }

    /** The names of the secret components of a config record, nested ones as {@code a.b}. */
    public static List<String> secretPaths(Class<? extends Record> configType) {
        return SecretRedactor.secretPaths(configType);
    }

    private static ObjectNode objectSchema(Class<?> recordType) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : inFormOrder(recordType)) {
            properties.set(component.getName(), propertySchema(component));
            if (isRequired(component)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    static List<RecordComponent> inFormOrder(Class<?> recordType) {
        List<RecordComponent> components = Arrays.asList(recordType.getRecordComponents());
        return components.stream()
                .sorted(Comparator.comparingInt(ConfigSchema::order)
                        .thenComparingInt(components::indexOf))
                .toList();
    }

    private static int order(RecordComponent component) {
        ConfigProperty property = component.getAnnotation(ConfigProperty.class);
        return property == null ? Integer.MAX_VALUE : property.order();
    }

    private static ObjectNode propertySchema(RecordComponent component) {
        ObjectNode schema = typeSchema(component.getType(), component.getGenericType());
        ConfigProperty property = component.getAnnotation(ConfigProperty.class);
        ObjectNode annotated = NODES.objectNode();
        annotated.put("title", property == null || property.title().isEmpty()
                ? component.getName() : property.title());
        if (property != null) {
            if (!property.description().isEmpty()) {
                annotated.put("description", property.description());
            }
            if (!property.defaultValue().isEmpty()) {
                annotated.set("default", typed(property.defaultValue(), component.getType()));
            }
            if (!property.example().isEmpty()) {
                annotated.putArray("examples").add(typed(property.example(), component.getType()));
            }
            if (property.order() != Integer.MAX_VALUE) {
                annotated.put("x-order", property.order());
            }
            if (!property.group().isEmpty()) {
                annotated.put("x-group", property.group());
            }
            if (property.secret()) {
                annotated.put("writeOnly", true);
                annotated.put(SECRET, true);
            }
        }
        if (isTarget(component, property)) {
            annotated.put(TARGET, true);
        }
        annotated.setAll(schema);
        constraints(component, annotated);
        return annotated;
    }

    private static boolean isTarget(RecordComponent component, ConfigProperty property) {
        boolean secret = property != null && property.secret();
        return !secret && ((property != null && property.target()) || component.getType() == URI.class
                || component.getType() == URL.class || TARGET_NAME.matcher(component.getName()).matches());
    }

    private static ObjectNode typeSchema(Class<?> type, Type genericType) {
        ObjectNode schema = NODES.objectNode();
        if (type == String.class || type == char.class || type == Character.class) {
            schema.put("type", "string");
        } else if (type == URI.class || type == URL.class) {
            schema.put("type", "string").put("format", "uri");
        } else if (type == Duration.class) {
            schema.put("type", "string").put("format", "duration");
        } else if (type == Instant.class || type == OffsetDateTime.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (type == LocalDate.class) {
            schema.put("type", "string").put("format", "date");
        } else if (type == boolean.class || type == Boolean.class) {
            schema.put("type", "boolean");
        } else if (isInteger(type)) {
            schema.put("type", "integer");
        } else if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            schema.put("type", "number");
        } else if (type.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (type.isRecord()) {
            schema.setAll(objectSchema(type));
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            schema.put("type", "array");
            Class<?> item = type.isArray() ? type.getComponentType() : typeArgument(genericType, 0);
            schema.set("items", typeSchema(item, item));
        } else if (Map.class.isAssignableFrom(type)) {
            schema.put("type", "object");
            Class<?> value = typeArgument(genericType, 1);
            schema.set("additionalProperties", typeSchema(value, value));
        } else {
            throw new IllegalArgumentException("no JSON Schema type for a config component of type " + type.getName());
        }
        return schema;
    }

    private static boolean isInteger(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class;
    }

    private static Class<?> typeArgument(Type genericType, int index) {
        if (genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length > index
                && parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
            return argument;
        }
        return String.class;
    }

    private static boolean isRequired(RecordComponent component) {
        return component.getType().isPrimitive() || has(component, NotNull.class) || has(component, NotBlank.class)
                || has(component, NotEmpty.class);
    }

    private static void constraints(RecordComponent component, ObjectNode schema) {
        boolean array = "array".equals(schema.path("type").asText());
        boolean object = "object".equals(schema.path("type").asText());
        if (has(component, NotBlank.class) || has(component, NotEmpty.class)) {
            schema.put(array ? "minItems" : object ? "minProperties" : "minLength", 1);
        }
        Min min = annotation(component, Min.class);
        if (min != null) {
            schema.put("minimum", min.value());
        }
        Max max = annotation(component, Max.class);
        if (max != null) {
            schema.put("maximum", max.value());
        }
        DecimalMin decimalMin = annotation(component, DecimalMin.class);
        if (decimalMin != null) {
            schema.put(decimalMin.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(decimalMin.value()));
        }
        DecimalMax decimalMax = annotation(component, DecimalMax.class);
        if (decimalMax != null) {
            schema.put(decimalMax.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(decimalMax.value()));
        }
        if (has(component, Positive.class)) {
            schema.put("exclusiveMinimum", 0);
        }
        if (has(component, PositiveOrZero.class)) {
            schema.put("minimum", 0);
        }
        Size size = annotation(component, Size.class);
        if (size != null) {
            String prefix = array ? "Items" : object ? "Properties" : "Length";
            if (size.min() > 0) {
                schema.put("min" + prefix, size.min());
            }
            if (size.max() != Integer.MAX_VALUE) {
                schema.put("max" + prefix, size.max());
            }
        }
        Pattern pattern = annotation(component, Pattern.class);
        if (pattern != null) {
            schema.put("pattern", pattern.regexp());
        }
        if (has(component, Email.class)) {
            schema.put("format", "email");
        }
    }

    private static JsonNode typed(String text, Class<?> type) {
        if (type == String.class || type.isEnum() || type == URI.class || type == Duration.class) {
            return NODES.textNode(text);
        }
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("default or example '" + text + "' is not a " + type.getSimpleName(), e);
        }
    }

    private static boolean has(RecordComponent component, Class<? extends Annotation> type) {
        return annotation(component, type) != null;
    }

    /**
     * A jakarta.validation annotation on a record component lands on the accessor, the field and
     * the constructor parameter (its targets do not include RECORD_COMPONENT): read the accessor.
     */
    private static <A extends Annotation> A annotation(RecordComponent component, Class<A> type) {
        A onComponent = component.getAnnotation(type);
        return onComponent != null ? onComponent : component.getAccessor().getAnnotation(type);
    }
}
