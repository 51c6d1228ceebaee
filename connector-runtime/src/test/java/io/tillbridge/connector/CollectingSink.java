package io.tillbridge.connector;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that behaves like the runtime: records count as committed only once a checkpoint after
 * them arrives. It can ask the connector to stop after a number of records, as a cancelled run does.
 */
public class CollectingSink implements RecordSink {

    private final int stopAfter;
    private final List<SourceRecord> pending = new ArrayList<>();
    private final List<SourceRecord> committed = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private int received;
    private Checkpoint lastCheckpoint;

    public CollectingSink() {
        this(Integer.MAX_VALUE);
    }

    public CollectingSink(int stopAfter) {
        this.stopAfter = stopAfter;
    }

    @Override
    public void record(SourceRecord record) {
        received++;
        pending.add(record);
        events.add(record);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        committed.addAll(pending);
        pending.clear();
        lastCheckpoint = checkpoint;
        events.add(checkpoint);
    }

    @Override
    public boolean stopRequested() {
        return received >= stopAfter;
    }

    /** Records covered by a checkpoint, in order. */
    public List<SourceRecord> committed() {
        return List.copyOf(committed);
    }

    /** Records after the last checkpoint: the runtime would discard them. */
    public List<SourceRecord> uncommitted() {
        return List.copyOf(pending);
    }

    /** Every record received, committed or not. */
    public int received() {
        return received;
    }

    /** Records and checkpoints in the order they came. */
    public List<Object> events() {
        return List.copyOf(events);
    }

    public Checkpoint lastCheckpoint() {
        return lastCheckpoint;
    }
}
