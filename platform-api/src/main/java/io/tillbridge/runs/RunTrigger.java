package io.tillbridge.runs;

import java.util.Locale;

/**
 * What started a run. A {@link #RETRY} run re-processes the stored source records of the record
 * errors that asked for it, a {@link #REPLAY} run those stored by an earlier run; neither reads the
 * source stream.
 */
public enum RunTrigger {
    MANUAL, SCHEDULE, WEBHOOK, RETRY, REPLAY;

    /** The name stored in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunTrigger fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** True when the run reads the integration's source stream (not stored records). */
    public boolean readsSource() {
        return this != RETRY && this != REPLAY;
    }
}
