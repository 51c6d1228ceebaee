package io.tillbridge.connector.accounting;

/**
 * A record that cannot become an accounting document; the message says why in the merchant's
 * words. A connector reports it as a rejected record, never as a failed batch.
 */
public final class InvalidDocumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidDocumentException(String message) {
        super(message);
    }
}
