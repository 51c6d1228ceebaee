package io.tillbridge.runs;

import java.util.Locale;

/** What started a run. */
public enum RunTrigger {
    MANUAL, SCHEDULE, WEBHOOK, RETRY;

    /** The name stored in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunTrigger fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
