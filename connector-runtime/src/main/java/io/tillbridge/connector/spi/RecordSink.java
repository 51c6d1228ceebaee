package io.tillbridge.connector.spi;

/**
 * Where a {@link SourceConnector} hands what it reads. Implemented by the runtime; called only on
 * the thread that called {@code read}, from inside that call.
 */
public interface RecordSink {

    /** Accepts one record. It is not yet committed: it is, once a later checkpoint is. */
    void record(SourceRecord record);

    /**
     * Accepts a checkpoint that covers every record handed over before it. The runtime commits it
     * with those records, possibly later and in batches; the connector commits nothing itself.
     */
    void checkpoint(Checkpoint checkpoint);

    /**
     * Whether the runtime wants the read to end (cancelled, lease lost, run time budget spent).
     * The connector checks it at least after each record and then returns without error; records
     * after the last checkpoint are read again next time.
     */
    default boolean stopRequested() {
        return false;
    }
}
