package io.tillbridge.connector.warehouse.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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

    private static final int ORDER_CACHE = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private final MessageDigest digest;
    private final Object[][] lastKeys = new Object[ORDER_CACHE][];
    private final int[][] lastOrder = new int[ORDER_CACHE][];
    private final byte[][][] lastEncodedKeys = new byte[ORDER_CACHE][][];
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
        byte[] hash = digest.digest();
        byte[] hex = new byte[2 * hash.length];
        for (int i = 0; i < hash.length; i++) {
            hex[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(hex, StandardCharsets.ISO_8859_1);
    }

    private void value(Object value) {
        if (value == null) {
            put(NULL);
        } else if (value instanceof String text) {
            ensure(1);
            buffer[length++] = TEXT;
            text(text);
        } else if (value instanceof BigDecimal number) {
            BigInteger unscaled = number.unscaledValue();
            if (unscaled.bitLength() < 64) {
                ensure(13);
                buffer[length++] = SMALL_NUMBER;
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
            Object[] keys = new Object[map.size()];
            Object[] values = new Object[keys.length];
            int[] at = {0};
            map.forEach((k, v) -> {
                keys[at[0]] = k;
                values[at[0]++] = v;
            });
            int slot = sort(keys);
            int[] order = lastOrder[slot];
            byte[][] encodedKeys = lastEncodedKeys[slot];
            for (int i = 0; i < order.length; i++) {
                raw(encodedKeys[i]);
                value(values[order[i]]);
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

    /**
     * Sorts the keys into the cache slot for their count: the positions in sorted order and each
     * key's encoding. Records of a batch mostly share their field names in the same order, so the
     * slot is reused as it is when the keys are the same.
     */
    private int sort(Object[] keys) {
        int slot = Math.min(keys.length, ORDER_CACHE - 1);
        Object[] cachedKeys = lastKeys[slot];
        if (cachedKeys != null && Arrays.equals(cachedKeys, keys)) {
            return slot;
        }
        String[] names = new String[keys.length];
        Integer[] boxed = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            names[i] = String.valueOf(keys[i]);
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> names[a].compareTo(names[b]));
        int[] order = new int[keys.length];
        byte[][] encoded = new byte[keys.length][];
        int saved = length;
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
            text(names[order[i]]);
            encoded[i] = Arrays.copyOfRange(buffer, saved, length);
            length = saved;
        }
        lastKeys[slot] = keys;
        lastOrder[slot] = order;
        lastEncodedKeys[slot] = encoded;
        return slot;
    }

    /** The length in chars, then each char as UTF-8 would encode it alone (one byte for ASCII). */
    private void text(String text) {
        int n = text.length();
        ensure(4 + 3 * n);
        byte[] b = buffer;
        int at = length;
        b[at++] = (byte) (n >>> 24);
        b[at++] = (byte) (n >>> 16);
        b[at++] = (byte) (n >>> 8);
        b[at++] = (byte) n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else {
                b[at++] = (byte) (0xe0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        length = at;
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
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
