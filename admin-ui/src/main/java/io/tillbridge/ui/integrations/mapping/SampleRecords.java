package io.tillbridge.ui.integrations.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The builder's sample records, kept in the session as deflated JSON and read back for each
 * preview: twenty POS orders as maps of maps take some 100 kB of objects in every open builder,
 * their JSON a few kB (benchmark G10). Reading them back costs well under a millisecond (G11).
 * Records that would not come back equal from JSON are kept as they are.
 */
final class SampleRecords {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final byte[] packed;
    private final List<Map<String, Object>> unpacked;
    private final int size;

    private SampleRecords(byte[] packed, List<Map<String, Object>> unpacked, int size) {
        this.packed = packed;
        this.unpacked = unpacked;
        this.size = size;
    }

    /** {@code records} (in the record value model of {@link MappingWorkspace#normalized}) packed. */
    static SampleRecords of(List<Map<String, Object>> records) {
        List<Map<String, Object>> copy = List.copyOf(records);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflated = new DeflaterOutputStream(out)) {
                JSON.writeValue(deflated, copy);
            }
            byte[] packed = out.toByteArray();
            if (unpack(packed).equals(copy)) {
                return new SampleRecords(packed, null, copy.size());
            }
        } catch (IOException | RuntimeException e) {
            // A value JSON does not carry as it is: keep the records unpacked.
        }
        return new SampleRecords(null, copy, copy.size());
    }

    /** The records: read back afresh from their packed form, or, for records kept as they were, those. */
    List<Map<String, Object>> records() {
        return packed == null ? unpacked : unpack(packed);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private static List<Map<String, Object>> unpack(byte[] packed) {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(packed))) {
            List<Map<String, Object>> read = JSON.readValue(in, LIST);
            return read.stream().map(MappingWorkspace::normalized).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
