package io.tillbridge.connector.square.sandbox;

import java.util.Random;

/** Ids shaped like Square's, drawn from the seeded random source so that a seed gives the same ids. */
final class SquareIds {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    SquareIds(Random random) {
        this.random = random;
    }

    String merchant() {
        return "ML" + draw(UPPER, 11);
    }

    String location() {
        return "L" + draw(UPPER, 12);
    }

    String catalog() {
        return draw(UPPER, 24);
    }

    String customer() {
        return draw(UPPER, 26);
    }

    String order() {
        return draw(MIXED, 27);
    }

    String payment() {
        return draw(MIXED, 29);
    }

    String refund(String paymentId) {
        return paymentId + "_" + draw(MIXED, 43);
    }

    String uid() {
        return draw(MIXED, 22);
    }

    String digits(int length) {
        return draw("0123456789", length);
    }

    private String draw(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
