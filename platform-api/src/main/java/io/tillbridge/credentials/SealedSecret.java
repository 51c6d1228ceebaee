package io.tillbridge.credentials;

import java.util.Objects;

/**
 * A secret as stored: AES-256-GCM ciphertext (with its 16-byte tag) under a fresh data key, the
 * 12-byte nonce, the data key wrapped (AES key wrap, RFC 3394) by the key-encryption key
 * {@code kekId}. Nothing here reveals the secret without the KEK.
 */
public record SealedSecret(byte[] ciphertext, byte[] nonce, byte[] wrappedDek, String kekId) {

    public SealedSecret {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(wrappedDek, "wrappedDek");
        Objects.requireNonNull(kekId, "kekId");
    }

    /** The same ciphertext with its data key wrapped by another KEK. */
    public SealedSecret rewrapped(byte[] newWrappedDek, String newKekId) {
        return new SealedSecret(ciphertext, nonce, newWrappedDek, newKekId);
    }

    @Override
    public String toString() {
        return "SealedSecret[kekId=" + kekId + ", " + ciphertext.length + " bytes]";
    }
}
