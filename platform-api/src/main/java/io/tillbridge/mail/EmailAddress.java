package io.tillbridge.mail;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one form of an e-mail address that accounts, invitations, throttles and mail quotas use:
 * surrounding white space removed, Unicode NFC, lower case by {@link Locale#ROOT}. So
 * {@code " Bob@Example.com "} and {@code "bob@example.com"} are the same account and the same
 * throttle key, whichever route or page the address came in through (DD-019).
 */
public final class EmailAddress {

    private EmailAddress() {
    }

    /** The normal form of {@code email}; null stays null. */
    public static String normalise(String email) {
        if (email == null) {
            return null;
        }
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
