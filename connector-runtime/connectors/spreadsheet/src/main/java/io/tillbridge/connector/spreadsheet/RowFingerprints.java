package io.tillbridge.connector.spreadsheet;

/**
 * How often each row content has been seen in the current file, by 64-bit fingerprint: an
 * open-addressing table of fingerprints and counts in two primitive arrays (16 bytes a row at most
 * half full, against about 80 for a HashMap of boxed longs), bounded by
 * {@link SpreadsheetLimits#MAX_FINGERPRINTED_ROWS}.
 */
final class RowFingerprints {

    private long[] keys = new long[1024];
    private int[] counts = new int[1024];
    private boolean zeroSeen;
    private int zeroCount;
    private int size;

    /** Counts one more row with this fingerprint; answers how many there were before plus one (1 for the first). */
    int add(long fingerprint) {
        if (fingerprint == 0) {
            zeroSeen = true;
            return ++zeroCount;
        }
        int slot = slot(keys, fingerprint);
        if (keys[slot] == fingerprint) {
            return ++counts[slot];
        }
        if (size >= SpreadsheetLimits.MAX_FINGERPRINTED_ROWS) {
            return -1;
        }
        keys[slot] = fingerprint;
        counts[slot] = 1;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 1;
    }

    /** Distinct fingerprints held. */
    int size() {
        return size + (zeroSeen ? 1 : 0);
    }

    private static int slot(long[] table, long fingerprint) {
        int mask = table.length - 1;
        int i = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
        while (table[i] != 0 && table[i] != fingerprint) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }
}
