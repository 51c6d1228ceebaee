package io.tillbridge.runs;

import java.util.Locale;

/** Where a run stands. {@link #SUCCEEDED}, {@link #FAILED} and {@link #CANCELLED} are final. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The name stored in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
