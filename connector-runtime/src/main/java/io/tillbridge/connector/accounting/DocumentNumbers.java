package io.tillbridge.connector.accounting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Document numbers and vendor idempotency keys derived from the runtime's idempotency key (itself
 * derived from the ledger key), so that the same record always gets the same number: a document
 * can be found again after a write whose outcome is unknown, and a vendor replays instead of
 * creating twice.
 *
 * <p>Lengths: QuickBooks' {@code DocNumber} holds 21 characters and its {@code requestid} 50; Xero's
 * {@code Idempotency-Key} holds 128 (vendor-apis notes; Xero's OpenAPI document). A number is
 * {@code TB} and 14 characters of the key (84 bits), an adjustment adds {@code -A<n>}.
 */
public final class DocumentNumbers {

    /** Every number this platform posts starts with this. */
    public static final String PREFIX = "TB";

    private static final int KEY_CHARS = 14;

    private DocumentNumbers() {
    }

    /** The document number of the record with this idempotency key: 16 characters. */
    public static String of(String idempotencyKey) {
        String key = idempotencyKey.replaceAll("[^A-Za-z0-9]", "");
        if (key.length() < KEY_CHARS) {
            key = hash(idempotencyKey);
        }
        return PREFIX + key.substring(0, KEY_CHARS);
    }

    /** The number of the {@code n}th adjusting entry (1-based) of a document. */
    public static String adjustment(String documentNumber, int n) {
        if (n < 1 || n > 9999) {
            throw new IllegalArgumentException("adjustment " + n);
        }
        return documentNumber + "-A" + n;
    }

    /** True when {@code number} is {@code documentNumber} itself or one of its adjustments. */
    public static boolean belongsTo(String number, String documentNumber) {
        return number.equals(documentNumber) || number.startsWith(documentNumber + "-A");
    }

    /**
     * The vendor idempotency key of one write: the record's key, and for a write that is not the
     * record's first (an adjustment) a fingerprint of what it posts. At most 50 characters.
     */
    public static String writeKey(String idempotencyKey, String fingerprint) {
        String key = idempotencyKey.length() > 43 ? idempotencyKey.substring(0, 43) : idempotencyKey;
        if (fingerprint == null || fingerprint.isEmpty()) {
            return key;
        }
        return key + "-" + hash(fingerprint).substring(0, 6);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).replaceAll("[^A-Za-z0-9]", "x");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
