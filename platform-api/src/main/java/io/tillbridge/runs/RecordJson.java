package io.tillbridge.runs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Canonical JSON of any value of the value model (keys sorted). The same text as the mapper's
     * {@code writeValueAsString} with {@code ORDER_MAP_ENTRIES_BY_KEYS}, which the ledger's hashes
     * were taken of, written by walking the value model on the mapper's own generator: Jackson's map
     * serializer copies every map into a sorted map and looks up a serializer for every value, and
     * a run writes the data of every record it reads (DD-012). A value outside the model (not a
     * string, decimal, boolean, map with string keys or list) is written by the mapper itself.
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            canonical(generator, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("a value outside the record value model", e);
        }
        return out.toString();
    }

    /** A source record as stored: stream, key, version and data. */
    public static String writeRecord(SourceRecord record) {
        return writeRecord(record, write(record.data()));
    }

    /**
     * {@link #writeRecord(SourceRecord)} for a record whose data's canonical JSON ({@link #write}) is
     * at hand, so that the data is not written a second time.
     */
    public static String writeRecord(SourceRecord record, String canonicalData) {
        StringWriter out = new StringWriter(canonicalData.length() + 128);
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            // The stored object's keys in their canonical (sorted) order.
            generator.writeStartObject();
            generator.writeFieldName("data");
            generator.writeRawValue(canonicalData);
            generator.writeFieldName("key");
            canonical(generator, record.key());
            generator.writeFieldName("stream");
            canonical(generator, record.stream());
            generator.writeFieldName("version");
            canonical(generator, record.version());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("a value outside the record value model", e);
        }
        return out.toString();
    }

    /** The map's keys, or null when one is not a string. */
    private static String[] stringKeys(Map<?, ?> map) {
        String[] keys = new String[map.size()];
        int i = 0;
        for (Object key : map.keySet()) {
            if (!(key instanceof String text) || i == keys.length) {
                return null;
            }
            keys[i++] = text;
        }
        return i == keys.length ? keys : null;
    }

    private static void canonical(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            String[] keys = stringKeys(map);
            if (keys == null) {
                JSON.writeValue(generator, value);
                return;
            }
            Arrays.sort(keys);
            generator.writeStartObject();
            for (String key : keys) {
                generator.writeFieldName(key);
                canonical(generator, map.get(key));
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                canonical(generator, element);
            }
            generator.writeEndArray();
        } else {
            JSON.writeValue(generator, value);
        }
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
