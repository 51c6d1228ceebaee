package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * A rough estimate of the memory a value holds, in bytes: the value model (maps, lists, strings,
 * numbers, booleans) and CEL's values alike. It counts one byte per character and a small overhead
 * per object, and counts a value reachable twice twice (what a serialised copy would weigh). It
 * stops walking as soon as the estimate passes a bound, so that measuring a huge value costs no
 * more than the bound.
 */
public final class ValueSize {

    private static final int OBJECT = 16;
    private static final int ENTRY = 32;
    private static final int MAX_DEPTH = 256;

    private ValueSize() {
    }

    /** The estimate of {@code value}, or some number above {@code bound} once it passes it. */
    public static long of(Object value, long bound) {
        return of(value, bound, 0, 0);
    }

    private static long of(Object value, long bound, long sofar, int depth) {
        long total = sofar;
        if (value == null || value instanceof Boolean) {
            return total + 8;
        }
        if (value instanceof CharSequence) {
            return total + OBJECT + ((CharSequence) value).length();
        }
        if (value instanceof BigDecimal) {
            return total + OBJECT + 8 + ((BigDecimal) value).precision() / 2;
        }
        if (value instanceof Number) {
            return total + OBJECT + 8;
        }
        if (value instanceof com.google.protobuf.ByteString) {
            return total + OBJECT + ((com.google.protobuf.ByteString) value).size();
        }
        if (value instanceof byte[]) {
            return total + OBJECT + ((byte[]) value).length;
        }
        if (depth >= MAX_DEPTH) {
            return total + OBJECT;
        }
        if (value instanceof Map) {
            total += OBJECT;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                total = of(e.getValue(), bound, of(e.getKey(), bound, total + ENTRY, depth + 1), depth + 1);
                if (total > bound) {
                    return total;
                }
            }
            return total;
        }
        if (value instanceof Collection) {
            total += OBJECT;
            for (Object e : (Collection<?>) value) {
                total = of(e, bound, total + 8, depth + 1);
                if (total > bound) {
                    return total;
                }
            }
            return total;
        }
        return total + OBJECT;
    }
}
