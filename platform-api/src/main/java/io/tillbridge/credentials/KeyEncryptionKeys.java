package io.tillbridge.credentials;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys (KEKs) of the vault, from configuration only (never from the database):
 * {@code tillbridge.secrets.kek} ({@code TILLBRIDGE_SECRETS_KEK}) is the active key, written as
 * {@code <key id>:<base64 of 32 bytes>}; {@code tillbridge.secrets.previous-keks}
 * ({@code TILLBRIDGE_SECRETS_PREVIOUS_KEKS}) lists, comma-separated in the same form, retired keys
 * that are still accepted for reading until {@link SecretVault#rewrap} has moved every data key to
 * the active one. See DD-008.
 */
@Singleton
public final class KeyEncryptionKeys {

    public static final String ACTIVE_PROPERTY = "tillbridge.secrets.kek";
    public static final String PREVIOUS_PROPERTY = "tillbridge.secrets.previous-keks";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** One KEK: its id (stored with every data key it wraps) and the AES-256 key. */
    public record Kek(String id, SecretKey key) {

        @Override
        public String toString() {
            return "Kek[" + id + "]";
        }
    }

    private final Optional<Kek> active;
    private final Map<String, Kek> all;

    @Inject
    public KeyEncryptionKeys(@Nullable @Property(name = ACTIVE_PROPERTY) String active,
            @Nullable @Property(name = PREVIOUS_PROPERTY) String previous) {
        Map<String, Kek> keys = new LinkedHashMap<>();
        this.active = blank(active) ? Optional.empty() : Optional.of(parse(active.trim(), ACTIVE_PROPERTY));
        this.active.ifPresent(k -> keys.put(k.id(), k));
        if (!blank(previous)) {
            for (String entry : previous.split(",")) {
                if (!entry.isBlank()) {
                    Kek kek = parse(entry.trim(), PREVIOUS_PROPERTY);
                    if (keys.putIfAbsent(kek.id(), kek) != null) {
                        throw new IllegalArgumentException("KEK id " + kek.id() + " is configured twice");
                    }
                }
            }
        }
        if (this.active.isEmpty() && !keys.isEmpty()) {
            throw new IllegalArgumentException(PREVIOUS_PROPERTY + " is set but " + ACTIVE_PROPERTY + " is not");
        }
        this.all = Collections.unmodifiableMap(keys);
    }

    /** Keys written in configuration form; the first is active. */
    public static KeyEncryptionKeys of(String active, String... previous) {
        return new KeyEncryptionKeys(active, String.join(",", previous));
    }

    /** {@code id:base64} of a new random 256-bit key, in configuration form. */
    public static String generate(String id) {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    public boolean configured() {
        return active.isPresent();
    }

    /** The key that wraps new data keys. */
    public Kek active() {
        return active.orElseThrow(() -> new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "The secrets vault has no key-encryption key: the operator must set TILLBRIDGE_SECRETS_KEK."));
    }

    /** The key with this id, when it is configured (active or previous). */
    public Optional<Kek> byId(String id) {
        return Optional.ofNullable(all.get(id));
    }

    public Set<String> ids() {
        return all.keySet();
    }

    private static Kek parse(String text, String property) {
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(property + " must be <key id>:<base64 of 32 bytes>");
        }
        String id = text.substring(0, colon);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(property + ": a key id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": the key of " + id + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(property + ": the key of " + id + " must be 32 bytes (256 bits), not "
                    + key.length);
        }
        return new Kek(id, new SecretKeySpec(key, "AES"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "KeyEncryptionKeys[active=" + active.map(Kek::id).orElse("none") + ", ids=" + all.keySet() + "]";
    }
}
