package io.tillbridge.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cells of an output row as the platform keeps them: the value model of a source record
 * flattened to scalars. A number is a {@link BigDecimal} (money keeps its scale), text a
 * {@link String}, and {@code true}/{@code false} and {@code null} stay; a list or a map becomes its
 * JSON text, anything else its {@code toString()}. NUL, which PostgreSQL cannot keep in text, becomes
 * U+FFFD. The hash is the SHA-256 of the cells' canonical JSON (keys sorted, numbers written plainly):
 * the same cells in any key order hash alike, {@code 1.5} and {@code 1.50} do not.
 */
final class OutputCells {

    /** The longest column name, in characters. */
    static final int MAX_COLUMN_NAME = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private OutputCells() {
    }

    /** The cells of {@code values}, in their order. */
    static Map<String, Object> of(Map<String, Object> values) {
        Map<String, Object> cells = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (column == null || column.isEmpty()) {
                throw new IllegalArgumentException("an output row has a cell without a column name");
            }
            if (column.length() > MAX_COLUMN_NAME) {
                throw new IllegalArgumentException("the column name " + column.substring(0, 40) + "... is longer than "
                        + MAX_COLUMN_NAME + " characters");
            }
            cells.put(text(column), cell(value));
        });
        return cells;
    }

    private static Object cell(Object value) {
        if (value == null || value instanceof Boolean || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : Double.toString(d);
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return text(json(value));
        }
        return text(String.valueOf(value));
    }

    private static String text(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    /** The canonical JSON of cells: keys sorted, numbers plain. */
    static String json(Object cells) {
        try {
            return JSON.writeValueAsString(cells instanceof Map<?, ?> map ? new TreeMap<>(map) : cells);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an output row's cells cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** The lower-case hex SHA-256 of the canonical JSON {@code json}. */
    static String hash(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cells read back from their JSON: numbers as {@link BigDecimal}. */
    static Map<String, Object> read(String json) {
        try {
            Map<String, Object> cells = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            cells.replaceAll((k, v) -> v instanceof BigInteger i ? new BigDecimal(i) : v);
            return cells;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored output cells are not JSON", e);
        }
    }
}
