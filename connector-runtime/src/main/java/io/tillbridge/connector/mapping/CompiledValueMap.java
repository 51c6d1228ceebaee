package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** A value map with its policy for unmapped values. */
final class CompiledValueMap {

    /** What happens to a value without an entry. */
    enum Unmapped { HOLD, FALLBACK, PASS_THROUGH }

    private final String name;
    private final Map<String, Object> entries;
    private final Unmapped policy;
    private final Object fallback;

    CompiledValueMap(String name, Map<String, Object> entries, Unmapped policy, Object fallback) {
        this.name = name;
        this.entries = new HashMap<>();
        entries.forEach((k, v) -> this.entries.put(k, Values.normalize(v)));
        this.policy = policy;
        this.fallback = Values.normalize(fallback);
    }

    String name() {
        return name;
    }

    Object lookup(Object value) {
        String key = key(value);
        Object mapped = entries.get(key);
        if (mapped != null || entries.containsKey(key)) {
            return mapped;
        }
        if (value instanceof BigDecimal) {
            String stripped = ((BigDecimal) value).stripTrailingZeros().toPlainString();
            if (entries.containsKey(stripped)) {
                return entries.get(stripped);
            }
        }
        switch (policy) {
            case FALLBACK:
                return fallback;
            case PASS_THROUGH:
                return value;
            default:
                throw new ValueException(FieldError.Category.UNMAPPED_VALUE,
                        "unmapped value '" + key + "' in value map '" + name + "'",
                        "Add '" + key + "' to the value map '" + name + "' (or give it a fallback); the record is held until then.",
                        key);
        }
    }

    private static String key(Object value) {
        return value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : String.valueOf(value);
    }
}
