package io.tillbridge.ledger;

/**
 * What the ledger knows of one source record of an integration.
 *
 * @param sourceKey the source system's key of the record
 * @param versionHash {@link Ledger#versionHash} of the version last written
 * @param targetRef the target's identifier of the record, as its write answered; empty if none
 */
public record LedgerEntry(String sourceKey, String versionHash, String targetRef) {

    public LedgerEntry {
        targetRef = targetRef == null ? "" : targetRef;
    }
}
