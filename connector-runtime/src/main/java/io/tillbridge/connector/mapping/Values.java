package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record value model (maps, lists, strings, BigDecimal numbers, booleans, null) and its views
 * for CEL, which knows int (long) and double but no decimals.
 */
final class Values {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    /** A short text for messages. */
    static String display(Object value) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        String text = String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Any JSON-ish Java value (from Jackson or CEL) in the value model. */
    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                out.add(normalize(o));
            }
            return out;
        }
        if (value instanceof dev.cel.common.values.NullValue || value instanceof com.google.protobuf.NullValue) {
            return null;
        }
        return value.toString();
    }

    /** A value-model value as CEL sees it: whole numbers as int, others as double, lazily for trees. */
    static Object toCel(Object value) {
        if (value instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) value;
            if (d.signum() == 0 || (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0)
                    && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
                return d.longValue();
            }
            return d.doubleValue();
        }
        if (value instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return new CelMapView(map);
        }
        if (value instanceof List) {
            return new CelListView((List<?>) value);
        }
        if (value == null) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        return value;
    }

    /** A read-only map that shows its values as CEL values, converted on access. */
    static final class CelMapView extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        CelMapView(Map<String, Object> map) {
            this.map = map;
        }

        @Override
        public Object get(Object key) {
            Object value = map.get(key);
            if (value == null) {
                return map.containsKey(key) ? toCel(null) : null;
            }
            return toCel(value);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, Object>> it = map.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Entry<String, Object> e = it.next();
                            return new SimpleImmutableEntry<>(e.getKey(), toCel(e.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return map.size();
                }
            };
        }
    }

    /** A read-only list that shows its elements as CEL values, converted on access. */
    static final class CelListView extends AbstractList<Object> {
        private final List<?> list;

        CelListView(List<?> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return toCel(list.get(index));
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    /** Whether a value counts as absent for defaults and required fields. */
    static boolean isBlank(Object value) {
        return value == null || value instanceof String && ((String) value).isBlank();
    }
}
