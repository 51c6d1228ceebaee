package io.tillbridge.users;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.micronaut.context.annotation.Value;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hashes and verifies passwords with Argon2id (RFC 9106), through password4j.
 *
 * <p>Parameters: 19 MiB of memory, 2 iterations, parallelism 1, a 32-byte tag, a 16-byte random
 * salt, Argon2 version 1.3. These are the first Argon2id configuration that the OWASP Password
 * Storage Cheat Sheet recommends; they cost about 50 to 200 ms per hash on one core. The stored
 * form is the PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>}), which carries
 * its own parameters: a hash made with older parameters still verifies, and
 * {@link #needsRehash} tells when to replace it after a successful sign-in.
 *
 * <p>The password policy lives here too: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters
 * (length is what makes a password strong; the upper bound only keeps requests small).
 *
 * <p>Each hash costs 19 MiB and a core for tens of milliseconds, so at most
 * {@code tillbridge.auth.password-hashing.permits} run at once (default: the number of cores). A
 * caller that finds none free within {@code tillbridge.auth.password-hashing.max-wait} (default
 * 2 s) is answered 503 with {@code Retry-After} instead of queueing without bound: a flood of
 * sign-ins cannot pile up threads and memory behind the hash (DD-019).
 */
@Singleton
public class PasswordHasher {

    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    public static final int TAG_BYTES = 32;
    public static final int SALT_BYTES = 16;

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    /** The validation message of the password policy. */
    public static final String POLICY = "must be 12 to 256 characters long";

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM,
            TAG_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Verified against when no user matches, so that an unknown email costs as much time as a known one. */
    private final String decoy;
    private final Semaphore permits;
    private final Duration maxWait;

    /** With as many permits as cores and a 2-second wait. */
    public PasswordHasher() {
        this(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(2));
    }

    @Inject
    public PasswordHasher(@Value("${tillbridge.auth.password-hashing.permits:0}") int permits,
            @Value("${tillbridge.auth.password-hashing.max-wait:2s}") Duration maxWait) {
        int effective = permits > 0 ? permits : Runtime.getRuntime().availableProcessors();
        this.permits = new Semaphore(effective, true);
        this.maxWait = maxWait;
        this.decoy = ARGON2ID.hash("a decoy that no password matches".getBytes(StandardCharsets.UTF_8), salt())
                .getResult();
    }

    /** How many hashes may run at once right now. */
    public int availablePermits() {
        return permits.availablePermits();
    }

    /** A new Argon2id hash of {@code password} with a fresh random salt. */
    public String hash(String password) {
        return bounded(() -> ARGON2ID.hash(password.getBytes(StandardCharsets.UTF_8), salt()).getResult());
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed stored value. */
    public boolean verify(String password, String stored) {
        return bounded(() -> {
            try {
                return Argon2Function.getInstanceFromHash(stored).check(password, stored);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static byte[] salt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /**
     * Runs one hash under a permit.
     *
     * @throws ProblemException 503 service-unavailable with Retry-After when no permit frees up in time
     */
    private <T> T bounded(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "Too many passwords are being checked at"
                    + " once right now; nothing was changed. Retry in a moment.", Duration.ofSeconds(1));
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Spends the time of one verification and returns false: for sign-ins of unknown users. */
    public boolean verifyNothing(String password) {
        verify(password, decoy);
        return false;
    }

    /** Whether {@code stored} was made with other parameters than the current ones. */
    public boolean needsRehash(String stored) {
        try {
            return !ARGON2ID.equals(Argon2Function.getInstanceFromHash(stored));
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * A deterministic, slow fingerprint of {@code password}, salted with {@code context}: what an
     * idempotency record compares instead of the password itself, so that no fast hash of a
     * password is ever stored.
     */
    public String fingerprint(String password, String context) {
        byte[] salt = ("tillbridge-fingerprint:" + context).getBytes(StandardCharsets.UTF_8);
        return bounded(() -> ARGON2ID.hash(password.getBytes(StandardCharsets.UTF_8), salt).getResult());
    }
}
