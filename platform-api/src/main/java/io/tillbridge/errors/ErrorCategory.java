package io.tillbridge.errors;

import java.util.Locale;

/** Why one record failed. */
public enum ErrorCategory {
    /** The target refused the credentials for this record. */
    AUTH,
    /** The mapping cannot turn the record into a target record (a required field is missing, ...). */
    MAPPING,
    /** A value does not fit (not a number, not a date, too long). */
    VALUE,
    /** A value has no entry in a value map (for example an unknown payment method). */
    UNMAPPED_VALUE,
    /** The target throttled the write of this record. */
    RATE_LIMIT,
    /** A temporary failure of this record's write. */
    TRANSIENT,
    /** The target refused the record (validation, unknown reference); its reason is the message. */
    REJECTED_BY_TARGET,
    /** The record collides with another one in the target. */
    DUPLICATE,
    /**
     * The record refers to another record that never arrived (a vendor's refund whose order no
     * integration wrote within the waiting limit of DD-028).
     */
    MISSING_REFERENCE;

    /** The name stored and shown in the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCategory fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
