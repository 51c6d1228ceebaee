package io.tillbridge.connections;

import io.micronaut.serde.annotation.Serdeable;
import io.tillbridge.connector.mapping.ValueSize;
import io.tillbridge.connector.spi.Catalog;
import java.util.List;

/** What a connector found behind a connection: streams, their fields with types, and samples. */
@Serdeable
public record DiscoveredCatalog(List<Stream> streams) {

    /**
     * One stream (or object, for a target). {@code openSchema}: the object takes fields it does not
     * have yet (a warehouse table adds a column), so a mapping may write fields beyond {@code fields}.
     */
    @Serdeable
    public record Stream(String name, String keyField, String cursorField, List<Field> fields, boolean openSchema) {
    }

    /**
     * One field with up to five sample values; {@code format} says more than the type where the
     * connector knows it ({@code date}, {@code decimal}, ...: a spreadsheet column's detected type),
     * else it is empty.
     */
    @Serdeable
    public record Field(String name, String type, boolean nullable, List<Object> samples, String format) {
    }

    /** Samples kept per field (DD-018). */
    static final int MAX_SAMPLES = 5;
    /** The most a sample may weigh (estimated); larger samples are left out. */
    static final long MAX_SAMPLE_BYTES = 1024;
    /** Streams, and fields per stream, kept at most. */
    static final int MAX_ENTRIES = 1_000;

    /**
     * The catalog as the API shows it, bounded: at most {@value #MAX_ENTRIES} streams and fields
     * per stream, {@value #MAX_SAMPLES} samples per field, each at most {@value #MAX_SAMPLE_BYTES}
     * bytes, whatever the connector (or the system behind it) answered.
     */
    static DiscoveredCatalog of(Catalog catalog) {
        return new DiscoveredCatalog(catalog.streams().stream().limit(MAX_ENTRIES).map(s -> new Stream(s.name(),
                s.keyField(), s.cursorField(), s.fields().stream().limit(MAX_ENTRIES).map(f -> new Field(f.name(),
                        f.type().name(), f.nullable(), samples(f.samples()), f.format())).toList(), s.openSchema()))
                .toList());
    }

    private static List<Object> samples(List<Object> given) {
        if (given == null) {
            return List.of();
        }
        return given.stream().filter(v -> ValueSize.of(v, MAX_SAMPLE_BYTES) <= MAX_SAMPLE_BYTES)
                .limit(MAX_SAMPLES).collect(java.util.stream.Collectors.toList());
    }
}
