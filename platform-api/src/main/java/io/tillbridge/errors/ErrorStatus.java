package io.tillbridge.errors;

import java.util.Locale;

/** Where a record error stands: open until a run writes the record, a user resolves or ignores it. */
public enum ErrorStatus {
    /** Waiting for someone to act (or for the record to be written by a later run). */
    OPEN,
    /** The record was written since, or a user marked the error resolved. */
    RESOLVED,
    /** A user chose to leave the record as it is. */
    IGNORED,
    /** A retry run was queued for the record; it resolves or reopens the error. */
    RETRIED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
