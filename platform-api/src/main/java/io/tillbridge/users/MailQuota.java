package io.tillbridge.users;

import io.tillbridge.mail.EmailAddress;
import io.github.bucket4j.Bucket;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the mail that anonymous requests can trigger (verification resends, password resets), so
 * that nobody can flood a person's inbox through those endpoints: by default 5 mails per address
 * and purpose per hour, in a bucket4j token bucket. Over the quota, the mail is silently not sent
 * (the endpoints answer 202 either way). Kept in memory, per process, like {@link LoginThrottle}.
 */
@Singleton
public class MailQuota {

    private final Clock clock;
    private final int mails;
    private final Duration period;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public MailQuota(Clock clock,
            @Value("${tillbridge.auth.mail-quota.mails:5}") int mails,
            @Value("${tillbridge.auth.mail-quota.period:1h}") Duration period) {
        this.clock = clock;
        this.mails = mails;
        this.period = period;
    }

    /** Takes one mail from the quota of {@code purpose} for {@code address}; false when it is used up. */
    public boolean take(String purpose, String address) {
        String key = purpose + " " + EmailAddress.normalise(address);
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(mails).refillGreedy(mails, period))
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build());
        if (buckets.size() > LoginThrottle.TRACKED) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= mails);
        }
        return bucket.tryConsume(1);
    }
}
