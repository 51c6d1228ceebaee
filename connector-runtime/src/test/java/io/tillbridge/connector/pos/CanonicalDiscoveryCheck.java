package io.tillbridge.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that a POS connector's discovery of the canonical streams lists exactly the fields its
 * reads emit, and that the nested objects of the shared samples (lines, tenders, totals, ...) have the
 * keys of the emitted ones: the mapping builder and the templates' dry runs rely on both
 * ({@link PosStreamDescriptors}). For every POS connector's canonical tests.
 */
public final class CanonicalDiscoveryCheck {

    private CanonicalDiscoveryCheck() {
    }

    /**
     * @param catalog what the connector's discover answered
     * @param read the committed records of a full read of a stream
     * @param streams the canonical streams to check (those the sandbox has records of)
     */
    public static void check(Catalog catalog, Function<String, List<SourceRecord>> read, List<String> streams) {
        for (String stream : streams) {
            StreamDescriptor descriptor = catalog.streams().stream().filter(s -> s.name().equals(stream)).findFirst()
                    .orElseThrow(() -> new AssertionError("discovery lists no " + stream));
            Set<String> fields = new HashSet<>();
            descriptor.fields().forEach(f -> fields.add(f.name()));
            List<SourceRecord> records = read.apply(stream);
            assertThat(records).as("records of %s", stream).isNotEmpty();
            Set<String> emitted = new HashSet<>();
            records.forEach(r -> emitted.addAll(r.data().keySet()));
            assertThat(fields).as("fields discovered for %s", stream).isEqualTo(emitted);
            for (Map<String, Object> sample : PosStreamDescriptors.samples(stream)) {
                nested(stream, sample, records);
            }
        }
    }

    private static void nested(String stream, Map<String, Object> sample, List<SourceRecord> records) {
        for (Map.Entry<String, Object> e : sample.entrySet()) {
            Object example = first(e.getValue());
            if (!(example instanceof Map<?, ?> sampleObject)) {
                continue;
            }
            records.stream().map(r -> first(r.data().get(e.getKey()))).filter(v -> v instanceof Map<?, ?>).findFirst()
                    .ifPresent(v -> assertThat(((Map<?, ?>) v).keySet()).as("%s.%s", stream, e.getKey())
                            .isEqualTo(sampleObject.keySet()));
        }
    }

    private static Object first(Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
    }
}
