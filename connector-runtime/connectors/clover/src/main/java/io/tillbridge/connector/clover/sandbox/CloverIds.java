package io.tillbridge.connector.clover.sandbox;

import java.util.Random;

/**
 * Clover-style ids: 13 characters of upper-case letters and digits, drawn from a seeded generator so
 * that the same seed gives the same ids.
 */
final class CloverIds {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final Random random;

    CloverIds(Random random) {
        this.random = random;
    }

    String next() {
        StringBuilder id = new StringBuilder(13);
        for (int i = 0; i < 13; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
