package io.tillbridge.connector.spi;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Connector#discover(Record)} found: the streams a source can read, or the objects a
 * target can write.
 */
public record Catalog(List<StreamDescriptor> streams) {

    public Catalog {
        streams = List.copyOf(streams);
    }

    public Optional<StreamDescriptor> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
