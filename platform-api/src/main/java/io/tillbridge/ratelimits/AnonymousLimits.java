package io.tillbridge.ratelimits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rate limits of the routes anyone may call without a credential, per client address: sign-in
 * (login, refresh, logout), sign-up, password reset, email verification, webhook intake and the connector catalog. Each
 * kind has a token bucket per address that holds a minute's quota and refills it continuously
 * ({@code tillbridge.rate-limits.anonymous.<kind>-per-minute}). They come before, and add to, the
 * sign-in throttle of failures per email and per address (DD-006): these count every request,
 * successful or not, so a flood is cut off before it costs a password hash or a database row.
 *
 * <p>The client address is what {@code ClientAddresses} says ({@code X-Forwarded-For} only from
 * trusted proxies). Buckets live in this process's memory, like the other limits (DD-007): at most
 * {@code tillbridge.rate-limits.max-entries}; a bucket unused for a minute is full again and dropped.
 */
@Singleton
public class AnonymousLimits {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** The kinds of anonymous route, each with its own quota. */
    public enum Kind {
        SIGN_IN, SIGN_UP, PASSWORD_RESET, EMAIL_VERIFICATION, WEBHOOKS, CATALOG, OAUTH_CALLBACK;

        /** The name in settings and answers: {@code sign-in}, {@code webhooks}, ... */
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Kind, Integer> perMinute;
    private final ExpiringMap<Bucket> buckets;
    private final boolean enabled;

    @Inject
    public AnonymousLimits(
            @Value("${tillbridge.rate-limits.anonymous.sign-in-per-minute:30}") int signIn,
            @Value("${tillbridge.rate-limits.anonymous.sign-up-per-minute:10}") int signUp,
            @Value("${tillbridge.rate-limits.anonymous.password-reset-per-minute:10}") int passwordReset,
            @Value("${tillbridge.rate-limits.anonymous.email-verification-per-minute:10}") int emailVerification,
            @Value("${tillbridge.rate-limits.anonymous.webhooks-per-minute:1200}") int webhooks,
            @Value("${tillbridge.rate-limits.anonymous.catalog-per-minute:120}") int catalog,
            @Value("${tillbridge.rate-limits.anonymous.oauth-callback-per-minute:30}") int oauthCallback,
            @Value("${tillbridge.rate-limits.max-entries:100000}") int maxEntries,
            @Value("${tillbridge.rate-limits.anonymous.enabled:true}") boolean enabled) {
        this(Map.of(Kind.SIGN_IN, signIn, Kind.SIGN_UP, signUp, Kind.PASSWORD_RESET, passwordReset,
                Kind.EMAIL_VERIFICATION, emailVerification, Kind.WEBHOOKS, webhooks, Kind.CATALOG, catalog,
                Kind.OAUTH_CALLBACK, oauthCallback),
                maxEntries, enabled);
    }

    public AnonymousLimits(Map<Kind, Integer> perMinute, int maxEntries, boolean enabled) {
        this.enabled = enabled;
        this.perMinute = new EnumMap<>(perMinute);
        for (Kind kind : Kind.values()) {
            Integer quota = this.perMinute.get(kind);
            if (quota == null || quota < 1) {
                throw new IllegalArgumentException("tillbridge.rate-limits.anonymous." + kind.wire()
                        + "-per-minute must be at least 1, was " + quota);
            }
        }
        this.buckets = new ExpiringMap<>("anonymous rate limit buckets", WINDOW, Duration.ofNanos(Long.MAX_VALUE),
                maxEntries, System::nanoTime);
    }

    /**
     * For callers other than the API's filter (the portal's sign-in, sign-up and password reset
     * pages): takes one request, or refuses with 429 {@code rate-limited} and its Retry-After.
     * Does nothing while {@code tillbridge.rate-limits.anonymous.enabled} is false.
     */
    public void require(Kind kind, String clientAddress) {
        if (!enabled) {
            return;
        }
        Optional<Duration> wait = take(kind, clientAddress);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ProblemException(ProblemType.RATE_LIMITED, "Too many attempts from your network address;"
                    + " try again in " + seconds + (seconds == 1 ? " second." : " seconds."), wait.get());
        }
    }

    /** The quota per minute of {@code kind}. */
    public int perMinute(Kind kind) {
        return perMinute.get(kind);
    }

    /**
     * Takes one request of {@code kind} from {@code clientAddress}'s bucket.
     *
     * @return empty when allowed; else how long until the next request would be
     */
    public Optional<Duration> take(Kind kind, String clientAddress) {
        int quota = perMinute.get(kind);
        Bucket bucket = buckets.get(kind.wire() + " " + clientAddress, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(quota).refillGreedy(quota, WINDOW))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
