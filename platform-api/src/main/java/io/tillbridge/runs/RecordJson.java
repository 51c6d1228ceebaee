package io.tillbridge.runs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of records and record data ({@code jsonb}): keys sorted, numbers as written
 * (money keeps its scale), and read back in the {@link SourceRecord} value model (every number a
 * {@link BigDecimal}). The same canonical form is what the ledger hashes.
 */
public final class RecordJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private RecordJson() {
    }

    /** Canonical JSON of any value of the value model (keys sorted). */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a value outside the record value model", e);
        }
    }

    /** A source record as stored: stream, key, version and data. */
    public static String writeRecord(SourceRecord record) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("stream", record.stream());
        stored.put("key", record.key());
        stored.put("version", record.version());
        stored.put("data", record.data());
        return write(stored);
    }

    @SuppressWarnings("unchecked")
    public static SourceRecord readRecord(String json) {
        Map<String, Object> stored = readMap(json);
        return new SourceRecord((String) stored.get("stream"), (String) stored.get("key"),
                (String) stored.get("version"), (Map<String, Object>) stored.get("data"));
    }

    /** A JSON object in the value model; null for null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMap(String json) {
        if (json == null) {
            return null;
        }
        try {
            return (Map<String, Object>) inValueModel(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON is not an object", e);
        }
    }

    /** A JSON array of strings. */
    public static List<String> readStrings(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON is not a list of strings", e);
        }
    }

    private static Object inValueModel(Object value) {
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return new BigDecimal(number.toString());
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), inValueModel(v)));
            return copy;
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(inValueModel(v)));
            return copy;
        }
        return value;
    }
}
