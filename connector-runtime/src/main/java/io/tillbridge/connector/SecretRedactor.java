package io.tillbridge.connector;

import io.tillbridge.connector.spi.ConfigProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Masks the secret components (see {@link ConfigProperty#secret()}) of a config record, so that a
 * config can be logged or shown to support. A set secret becomes {@value #MASK}; an unset one stays
 * null, so that "no token configured" remains visible.
 */
public final class SecretRedactor {

    public static final String MASK = "****";

    private SecretRedactor() {
    }

    /** The config's components as a map in declaration order, secrets masked, nested records too. */
    public static Map<String, Object> redact(Record config) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : config.getClass().getRecordComponents()) {
            Object value = valueOf(config, component);
            if (value != null && isSecret(component)) {
                value = MASK;
            } else if (value instanceof Record nested) {
                value = redact(nested);
            }
            values.put(component.getName(), value);
        }
        return values;
    }

    /** A one-line description for logs: {@code HttpJsonConfig[url=..., bearerToken=****]}. */
    public static String describe(Record config) {
        return config.getClass().getSimpleName() + describeValues(redact(config));
    }

    private static String describeValues(Map<String, Object> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Map<?, ?> nested
                        ? describeNested(nested) : e.getValue()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @SuppressWarnings("unchecked")
    private static String describeNested(Map<?, ?> nested) {
        return describeValues((Map<String, Object>) nested);
    }

    /** The paths of the secret components, nested ones as {@code outer.inner}. */
    public static List<String> secretPaths(Class<? extends Record> configType) {
        List<String> paths = new ArrayList<>();
        collect(configType, "", paths);
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Class<?> type, String prefix, List<String> paths) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (isSecret(component)) {
                paths.add(prefix + component.getName());
            } else if (component.getType().isRecord()) {
                collect(component.getType(), prefix + component.getName() + ".", paths);
            }
        }
    }

    static boolean isSecret(RecordComponent component) {
        ConfigProperty property = component.getAnnotation(ConfigProperty.class);
        return property != null && property.secret();
    }

    /** The value of the named component of a config record. */
    static Object valueOf(Record config, String name) {
        for (RecordComponent component : config.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return valueOf(config, component);
            }
        }
        throw new IllegalArgumentException(config.getClass().getSimpleName() + " has no component " + name);
    }

    private static Object valueOf(Record config, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of a config", e);
        }
    }
}
