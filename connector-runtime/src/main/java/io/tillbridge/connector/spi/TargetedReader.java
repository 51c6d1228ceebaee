package io.tillbridge.connector.spi;

import java.util.List;

/**
 * Optional role of a source connector that can read given records by key, so that a webhook makes
 * exactly the objects it names fresh without reading a whole stream.
 *
 * @param <C> the config record
 */
public interface TargetedReader<C extends Record> {

    /** The most keys one {@link #fetch} call accepts. */
    default int maxKeysPerFetch() {
        return 100;
    }

    /**
     * Reads the records of {@code stream} with these keys, as {@link SourceConnector#read} would
     * emit them (same keys, versions and fields), and hands each to the sink; emits no
     * checkpoint. A key the system no longer knows is skipped. Calls the vendor's batch lookup
     * where it has one, follows its rate limits like a read, and checks
     * {@link RecordSink#stopRequested()} after each record.
     *
     * @param keys at most {@link #maxKeysPerFetch()} keys, without repeats
     * @throws ConnectorException when the system cannot be reached or refuses the credentials
     */
    void fetch(C config, String stream, List<String> keys, RecordSink sink);
}
