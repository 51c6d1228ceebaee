package io.tillbridge.users;

import io.tillbridge.mail.EmailAddress;
import io.github.bucket4j.Bucket;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down. Failed sign-ins are counted per email address and per client IP
 * address in bucket4j token buckets: each failure takes a token, the bucket refills its whole
 * capacity over the window, and the failure that empties it locks that email (or address) out
 * for the lockout period. While locked, every sign-in for it is refused with 429 and
 * {@code Retry-After}, before the password is even checked, so a lucky guess during a lockout
 * teaches nothing. A successful sign-in clears the email's count.
 *
 * <p>Defaults: 5 failures for one email within 15 minutes lock that email for 15 minutes; 50
 * failures from one IP address within 15 minutes lock that address for 15 minutes (offices share
 * an address). Unknown emails are counted like known ones, so a lockout reveals nothing.
 *
 * <p>The counts are kept <b>in memory, per process</b>: they reset when the process restarts, and
 * with several API replicas behind a load balancer each replica counts on its own, so an attacker
 * spread over N replicas gets up to N times the attempts. Sharing them (bucket4j's PostgreSQL
 * integration) is the next step when the API scales out. At most {@value #TRACKED} keys are kept
 * per kind; beyond that, keys that are neither locked nor recently failed are forgotten first.
 */
@Singleton
public class LoginThrottle {

    static final int TRACKED = 10_000;

    private final Clock clock;
    private final Limit perEmail;
    private final Limit perAddress;

    public LoginThrottle(Clock clock,
            @Value("${tillbridge.auth.login-throttle.email-failures:5}") int emailFailures,
            @Value("${tillbridge.auth.login-throttle.address-failures:50}") int addressFailures,
            @Value("${tillbridge.auth.login-throttle.window:15m}") Duration window,
            @Value("${tillbridge.auth.login-throttle.lockout:15m}") Duration lockout) {
        this.clock = clock;
        this.perEmail = new Limit(emailFailures, window, lockout);
        this.perAddress = new Limit(addressFailures, window, lockout);
    }

    /**
     * Refuses with {@link LoginThrottledException} while the email or the client address is locked
     * out.
     */
    public void checkAllowed(String email, String clientAddress) {
        Optional<Duration> email429 = perEmail.lockedFor(emailKey(email));
        if (email429.isPresent()) {
            throw new LoginThrottledException(email429.get(), "Too many failed sign-ins for this email address."
                    + " Try again in " + minutes(email429.get()) + ", or reset your password.");
        }
        Optional<Duration> address429 = perAddress.lockedFor(addressKey(clientAddress));
        if (address429.isPresent()) {
            throw new LoginThrottledException(address429.get(), "Too many failed sign-ins from your network address."
                    + " Try again in " + minutes(address429.get()) + ".");
        }
    }

    /** Counts a failed sign-in; the failure that uses up a bucket starts that key's lockout. */
    public void recordFailure(String email, String clientAddress) {
        perEmail.fail(emailKey(email));
        perAddress.fail(addressKey(clientAddress));
    }

    /** Clears the email's failures after a successful sign-in. */
    public void recordSuccess(String email) {
        perEmail.counters.remove(emailKey(email));
    }

    private static String emailKey(String email) {
        return email == null ? "" : EmailAddress.normalise(email);
    }

    private static String addressKey(String clientAddress) {
        return clientAddress == null ? "unknown" : clientAddress;
    }

    private static String minutes(Duration d) {
        long minutes = Math.max(1, (d.getSeconds() + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }

    /** Failures of one kind of key: a bucket per key and, once it is empty, a lockout. */
    private final class Limit {

        private final int failures;
        private final Duration window;
        private final Duration lockout;
        private final Map<String, Counter> counters = new ConcurrentHashMap<>();

        Limit(int failures, Duration window, Duration lockout) {
            if (failures < 1) {
                throw new IllegalArgumentException("The number of failures before a lockout must be at least 1");
            }
            this.failures = failures;
            this.window = window;
            this.lockout = lockout;
        }

        Optional<Duration> lockedFor(String key) {
            Counter counter = counters.get(key);
            Instant until = counter == null ? null : counter.lockedUntil;
            if (until == null) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (!now.isBefore(until)) {
                counters.remove(key, counter);
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, until));
        }

        void fail(String key) {
            Instant now = clock.instant();
            // A key whose lockout is over starts counting afresh.
            Counter counter = counters.compute(key, (k, existing) -> existing == null || existing.lockoutOver(now)
                    ? new Counter(Bucket.builder()
                            .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, window))
                            .withCustomTimePrecision(new ClockTimeMeter(clock))
                            .build())
                    : existing);
            boolean counted = counter.bucket.tryConsume(1);
            if (!counted || counter.bucket.getAvailableTokens() == 0) {
                synchronized (counter) {
                    if (counter.lockedUntil == null) {
                        counter.lockedUntil = now.plus(lockout);
                    }
                }
            }
            if (counters.size() > TRACKED) {
                prune();
            }
        }

        /** Forgets keys whose lockout is over, then keys that have not failed for a whole window. */
        private void prune() {
            Instant now = clock.instant();
            counters.values().removeIf(c -> c.lockoutOver(now));
            counters.values().removeIf(c -> c.lockedUntil == null && c.bucket.getAvailableTokens() >= failures);
        }
    }

    private static final class Counter {
        final Bucket bucket;
        volatile Instant lockedUntil;

        Counter(Bucket bucket) {
            this.bucket = bucket;
        }

        boolean lockoutOver(Instant now) {
            Instant until = lockedUntil;
            return until != null && !now.isBefore(until);
        }
    }
}
