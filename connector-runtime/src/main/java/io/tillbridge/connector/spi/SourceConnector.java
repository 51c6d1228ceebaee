package io.tillbridge.connector.spi;

/**
 * A connector that reads records from a system.
 *
 * @param <C> the config record
 */
public interface SourceConnector<C extends Record> extends Connector<C> {

    /**
     * Reads one stream from where {@code checkpoint} left off and hands every record, then a
     * checkpoint, to the sink.
     *
     * <ul>
     *   <li>Called once per read of one stream, on the worker thread; the sink is called on the
     *       same thread, from inside this call only.</li>
     *   <li>{@code checkpoint} is {@code null} for a first (full) read, otherwise a value this
     *       connector emitted earlier, possibly by another instance in another process. A
     *       checkpoint is opaque to the runtime: only its connector interprets it.</li>
     *   <li>A checkpoint covers every record emitted before it. The connector emits one after the
     *       records it covers (typically after each page) and at least one before it returns
     *       normally, also when there was nothing new. A read resumed from any emitted checkpoint
     *       must yield every record not covered by it, and none that is.</li>
     *   <li>The runtime, not the connector, commits a checkpoint, together with the records before
     *       it, in one transaction. Records emitted after the last checkpoint of an interrupted
     *       read are discarded and read again on the next run.</li>
     *   <li>The connector checks {@link RecordSink#stopRequested()} at least after each record
     *       and returns promptly, without error, once it is true.</li>
     *   <li>On failure it throws {@link ConnectorException}; what was committed stays committed.
     *       Exceptions thrown by the sink must not be caught.</li>
     * </ul>
     *
     * @param stream a stream name from {@link #discover(Record)}
     * @throws ConnectorException when the read cannot continue
     */
    void read(C config, String stream, Checkpoint checkpoint, RecordSink sink);
}
