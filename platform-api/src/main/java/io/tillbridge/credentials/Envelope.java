package io.tillbridge.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Envelope encryption with the JDK only: each secret gets a fresh 256-bit data key (DEK) and a
 * random 96-bit nonce; the value is encrypted with AES-256-GCM (128-bit tag) with the binding as
 * additional authenticated data; the DEK is wrapped with AES key wrap (RFC 3394, integrity-checked)
 * under the active KEK. Rotation unwraps and re-wraps the DEK only; the ciphertext is never touched.
 */
final class Envelope {

    private static final String GCM = "AES/GCM/NoPadding";
    private static final String KEY_WRAP = "AESWrap";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    SealedSecret seal(KeyEncryptionKeys.Kek kek, SecretBinding binding, Secret secret) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey dek = generator.generateKey();
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher gcm = Cipher.getInstance(GCM);
            gcm.init(Cipher.ENCRYPT_MODE, dek, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(binding.aad());
            byte[] ciphertext = gcm.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return new SealedSecret(ciphertext, nonce, wrap(kek, dek), kek.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption is not available in this JVM", e);
        }
    }

    Secret open(KeyEncryptionKeys.Kek kek, SecretBinding binding, SealedSecret sealed) {
        try {
            SecretKey dek = unwrap(kek, sealed.wrappedDek());
            Cipher gcm = Cipher.getInstance(GCM);
            gcm.init(Cipher.DECRYPT_MODE, dek, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            gcm.updateAAD(binding.aad());
            return Secret.of(new String(gcm.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretDecryptionException("The secret " + binding.field() + " of connection "
                    + binding.connectionId() + " does not decrypt under KEK " + sealed.kekId()
                    + " (altered, moved, or wrapped by another key)", e);
        }
    }

    /** The DEK of {@code sealed} unwrapped with {@code from} and wrapped again with {@code to}. */
    SealedSecret rewrap(KeyEncryptionKeys.Kek from, KeyEncryptionKeys.Kek to, SealedSecret sealed) {
        try {
            return sealed.rewrapped(wrap(to, unwrap(from, sealed.wrappedDek())), to.id());
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("A data key does not unwrap under KEK " + from.id(), e);
        }
    }

    private static byte[] wrap(KeyEncryptionKeys.Kek kek, SecretKey dek) throws GeneralSecurityException {
        Cipher wrap = Cipher.getInstance(KEY_WRAP);
        wrap.init(Cipher.WRAP_MODE, kek.key());
        return wrap.wrap(dek);
    }

    private static SecretKey unwrap(KeyEncryptionKeys.Kek kek, byte[] wrapped) throws GeneralSecurityException {
        Cipher unwrap = Cipher.getInstance(KEY_WRAP);
        unwrap.init(Cipher.UNWRAP_MODE, kek.key());
        return (SecretKey) unwrap.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
    }
}
