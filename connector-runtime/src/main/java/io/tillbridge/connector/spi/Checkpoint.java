package io.tillbridge.connector.spi;

import java.util.Objects;

/**
 * Where a read got to: an opaque value that only the connector that emitted it interprets. The
 * runtime stores it, with the records it covers, in one transaction, and hands it back to a later
 * {@link SourceConnector#read read} of the same stream. A connector keeps it small (a cursor, a
 * timestamp and a few ids, not a list of everything seen) and reads the checkpoints of its own
 * earlier versions.
 *
 * @param value the connector's encoding, often JSON
 */
public record Checkpoint(String value) {

    public Checkpoint {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Checkpoint[" + value + "]";
    }
}
