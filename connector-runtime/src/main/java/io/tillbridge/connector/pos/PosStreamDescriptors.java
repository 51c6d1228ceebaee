package io.tillbridge.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillbridge.connector.rest.JsonValues;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code discover} tells about the canonical POS streams, the same for every POS connector:
 * every field of docs/pos-model.md with its type and the values of a few sample records (an order
 * with modifiers, a discount, a tax, a tip and a card tender; a gift-card sale paid in cash; a voided
 * order with a decimal quantity; card and cash payments; a line refund and an amount-only one; stock
 * levels, whose location has no sample). The
 * samples are whole records, so that a mapping's dry run (the builder's preview, a template's
 * validation) maps records shaped like the ones a run reads, nested lines and tenders included.
 */
public final class PosStreamDescriptors {

    private static final String SAMPLES = "samples.json";
    private static final Map<String, List<Map<String, Object>>> RECORDS = load();

    private PosStreamDescriptors() {
    }

    /**
     * The canonical streams with {@code vendor} in the samples' {@code vendor} field.
     *
     * @param cursorField the field the connector reads the streams incrementally by (e.g.
     *     {@code updated_at}), or empty
     */
    public static List<StreamDescriptor> all(String vendor, String cursorField) {
        List<StreamDescriptor> out = new ArrayList<>();
        for (String stream : PosStreams.ALL) {
            out.add(stream(stream, vendor, stream.equals(PosStreams.LOCATIONS) ? "" : cursorField));
        }
        return out;
    }

    /** One canonical stream; see {@link #all}. */
    public static StreamDescriptor stream(String stream, String vendor, String cursorField) {
        List<Map<String, Object>> records = RECORDS.get(stream);
        if (records == null) {
            throw new IllegalArgumentException("no canonical stream " + stream);
        }
        Set<String> names = new LinkedHashSet<>();
        records.forEach(r -> names.addAll(r.keySet()));
        List<FieldDescriptor> fields = new ArrayList<>();
        for (String name : names) {
            List<Object> samples = new ArrayList<>();
            FieldType type = FieldType.UNKNOWN;
            for (Map<String, Object> record : records) {
                Object value = "vendor".equals(name) ? vendor : record.get(name);
                samples.add(value);
                if (type == FieldType.UNKNOWN && value != null) {
                    type = typeOf(value);
                }
            }
            // A field whose samples are all null has none: pos.inventory's location_id, which the merchant
            // pairs with its own locations in a value map, where a made-up location would be listed (DD-032).
            boolean none = samples.stream().allMatch(java.util.Objects::isNull);
            fields.add(new FieldDescriptor(name, type == FieldType.UNKNOWN ? FieldType.STRING : type, true,
                    none ? List.of() : samples));
        }
        // pos.inventory's key is <location_id>:<variation_id>, no single field.
        String key = stream.equals(PosStreams.ITEMS) ? "variation_id" : stream.equals(PosStreams.INVENTORY) ? "" : "id";
        return new StreamDescriptor(stream, fields, key, cursorField);
    }

    /** The sample records of a canonical stream, as a connector emits them (for tests). */
    public static List<Map<String, Object>> samples(String stream) {
        return RECORDS.getOrDefault(stream, List.of());
    }

    private static FieldType typeOf(Object value) {
        if (value instanceof String) {
            return FieldType.STRING;
        }
        if (value instanceof BigDecimal) {
            return FieldType.NUMBER;
        }
        if (value instanceof Boolean) {
            return FieldType.BOOLEAN;
        }
        if (value instanceof Map) {
            return FieldType.OBJECT;
        }
        return value instanceof List ? FieldType.ARRAY : FieldType.UNKNOWN;
    }

    private static Map<String, List<Map<String, Object>>> load() {
        try (InputStream in = PosStreamDescriptors.class.getResourceAsStream(SAMPLES)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLES + " is missing beside " + PosStreamDescriptors.class.getName());
            }
            JsonNode tree = new ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(in);
            Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
            tree.fields().forEachRemaining(e -> {
                List<Map<String, Object>> records = new ArrayList<>();
                e.getValue().forEach(r -> records.add(JsonValues.toMap(r)));
                out.put(e.getKey(), List.copyOf(records));
            });
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
