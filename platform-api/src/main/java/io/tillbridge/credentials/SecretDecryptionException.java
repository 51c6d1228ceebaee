package io.tillbridge.credentials;

/**
 * A stored secret cannot be decrypted: its KEK is not configured, or its ciphertext, nonce, wrapped
 * data key or binding was altered (GCM authentication failed). The message names the binding and
 * the KEK id, never a key or a value.
 */
public class SecretDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
