package io.tillbridge.reconciliation;

/** How a day of a location compares: its wire names are lower case. */
public enum ReconciliationStatus {
    /** The day is final and the target holds every family to the cent. */
    MATCHED,
    /** The day is final and the target holds other amounts in at least one family. */
    DIFFERING,
    /** The day is final and the target holds nothing for it. */
    MISSING,
    /** The day is not final yet: it is posted once it is. */
    PENDING;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
