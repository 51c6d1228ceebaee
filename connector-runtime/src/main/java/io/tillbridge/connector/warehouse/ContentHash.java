package io.tillbridge.connector.warehouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The content hash stored as {@code _version}: SHA-256 over a canonical, type-tagged encoding of the
 * record's data (object keys sorted, numbers as unscaled value and scale, so that {@code 1.5} and
 * {@code 1.50} differ), written straight into a reused buffer. Equal data give equal hashes whatever
 * the map order; the encoding is prefix-free (every string, object and list carries its length), so
 * different data collide only if SHA-256 does. Not thread-safe: one instance per batch.
 */
final class ContentHash {

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte SMALL_NUMBER = 2;
    private static final byte BIG_NUMBER = 3;
    private static final byte FALSE = 4;
    private static final byte TRUE = 5;
    private static final byte OBJECT = 6;
    private static final byte LIST = 7;
    private static final byte OTHER = 8;

    private final MessageDigest digest;
    private byte[] buffer = new byte[1024];
    private int length;

    ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hash of a record's data, as 64 lower-case hex digits. */
    String of(Map<String, Object> data) {
        length = 0;
        value(data);
        digest.update(buffer, 0, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    private void value(Object value) {
        if (value == null) {
            put(NULL);
        } else if (value instanceof String text) {
            put(TEXT);
            text(text);
        } else if (value instanceof BigDecimal number) {
            BigInteger unscaled = number.unscaledValue();
            if (unscaled.bitLength() < 64) {
                put(SMALL_NUMBER);
                putInt(number.scale());
                putLong(unscaled.longValue());
            } else {
                put(BIG_NUMBER);
                putInt(number.scale());
                bytes(unscaled.toByteArray());
            }
        } else if (value instanceof Boolean bool) {
            put(bool ? TRUE : FALSE);
        } else if (value instanceof Map<?, ?> map) {
            put(OBJECT);
            putInt(map.size());
            String[] keys = new String[map.size()];
            Object[] originals = new Object[map.size()];
            int i = 0;
            for (Object key : map.keySet()) {
                originals[i] = key;
                keys[i++] = String.valueOf(key);
            }
            Integer[] order = new Integer[keys.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
            for (Integer k : order) {
                text(keys[k]);
                value(map.get(originals[k]));
            }
        } else if (value instanceof List<?> list) {
            put(LIST);
            putInt(list.size());
            list.forEach(this::value);
        } else {
            // Outside the value model: such a record is refused, but still gets a distinct hash.
            put(OTHER);
            text(value.getClass().getName());
            text(value.toString());
        }
    }

    private void text(String text) {
        int n = text.length();
        putInt(n);
        ensure(2 * n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            buffer[length++] = (byte) (c >>> 8);
            buffer[length++] = (byte) c;
        }
    }

    private void bytes(byte[] bytes) {
        putInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void putInt(int v) {
        ensure(4);
        buffer[length++] = (byte) (v >>> 24);
        buffer[length++] = (byte) (v >>> 16);
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
