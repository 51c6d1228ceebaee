package io.tillbridge.connections;

import io.micronaut.serde.annotation.Serdeable;
import io.tillbridge.connector.spi.Catalog;
import java.util.List;

/** What a connector found behind a connection: streams, their fields with types, and samples. */
@Serdeable
public record DiscoveredCatalog(List<Stream> streams) {

    /** One stream (or object, for a target). */
    @Serdeable
    public record Stream(String name, String keyField, String cursorField, List<Field> fields) {
    }

    /** One field with up to five sample values. */
    @Serdeable
    public record Field(String name, String type, boolean nullable, List<Object> samples) {
    }

    static DiscoveredCatalog of(Catalog catalog) {
        return new DiscoveredCatalog(catalog.streams().stream().map(s -> new Stream(s.name(), s.keyField(), s.cursorField(),
                s.fields().stream().map(f -> new Field(f.name(), f.type().name(), f.nullable(), f.samples())).toList()))
                .toList());
    }
}
