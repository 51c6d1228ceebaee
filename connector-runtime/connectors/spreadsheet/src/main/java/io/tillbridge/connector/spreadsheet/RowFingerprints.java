package io.tillbridge.connector.spreadsheet;

import java.util.HashMap;
import java.util.Map;

/**
 * How often each row content has been seen in the current file, by 64-bit fingerprint: an
 * open-addressing set of fingerprints in one primitive array, at most half full (16 bytes a row,
 * against about 80 for a HashSet of boxed longs), bounded by
 * {@link SpreadsheetLimits#MAX_FINGERPRINTED_ROWS}; the counts of the few rows seen more than once
 * are kept beside it.
 */
final class RowFingerprints {

    private long[] keys = new long[1024];
    private final Map<Long, Integer> repeated = new HashMap<>();
    private boolean zeroSeen;
    private int size;

    /** Counts one more row with this fingerprint; answers its occurrence (1 for the first), or -1 past the bound. */
    int add(long fingerprint) {
        boolean seen;
        if (fingerprint == 0) {
            seen = zeroSeen;
            zeroSeen = true;
        } else {
            int slot = slot(keys, fingerprint);
            seen = keys[slot] == fingerprint;
            if (!seen) {
                if (size >= SpreadsheetLimits.MAX_FINGERPRINTED_ROWS) {
                    return -1;
                }
                keys[slot] = fingerprint;
                if (++size * 2 > keys.length) {
                    grow();
                }
            }
        }
        return seen ? repeated.merge(fingerprint, 2, (count, two) -> count + 1) : 1;
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
        long[] old = keys;
        keys = new long[old.length * 2];
        for (long key : old) {
            if (key != 0) {
                keys[slot(keys, key)] = key;
            }
        }
    }
}
