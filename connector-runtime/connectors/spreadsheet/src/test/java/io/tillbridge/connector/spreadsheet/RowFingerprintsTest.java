package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RowFingerprintsTest {

    @Test
    void each_fingerprint_counts_its_occurrences_across_growth() {
        RowFingerprints fingerprints = new RowFingerprints();
        Random random = new Random(7);
        long[] values = new long[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong();
            assertThat(fingerprints.add(values[i])).isEqualTo(1);
        }
        assertThat(fingerprints.add(values[17])).isEqualTo(2);
        assertThat(fingerprints.add(values[17])).isEqualTo(3);
        assertThat(fingerprints.add(values[4999])).isEqualTo(2);
        assertThat(fingerprints.add(0)).isEqualTo(1);
        assertThat(fingerprints.add(0)).isEqualTo(2);
    }
}
