package io.tillbridge.outbound;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How outbound webhooks are dispatched, sent, retried and disabled ({@code tillbridge.webhooks.*},
 * DD-033). Durations take {@code 500ms}, {@code 5s}, {@code 5m}, {@code 2h}, {@code 3d} or ISO-8601.
 */
@Singleton
public class OutboundSettings {

    /** The default retry schedule: the wait before each retry (13 attempts over more than three days). */
    public static final String DEFAULT_SCHEDULE = "5s,5m,30m,2h,5h,10h,10h,14h,14h,14h,14h,14h";

    private final boolean polling;
    private final Duration pollInterval;
    private final int threads;
    private final int maxInFlightPerTenant;
    private final Duration lease;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final List<Duration> retrySchedule;
    private final double jitter;
    private final Duration disableAfter;
    private final int disableMinFailures;
    private final Duration secretOverlap;
    private final int responseExcerptBytes;
    private final Duration dispatchRescan;
    private final Duration dayClosePassInterval;

    public OutboundSettings(@Value("${tillbridge.webhooks.polling:true}") boolean polling,
            @Value("${tillbridge.webhooks.poll-interval:1s}") String pollInterval,
            @Value("${tillbridge.webhooks.threads:4}") int threads,
            @Value("${tillbridge.webhooks.max-in-flight-per-tenant:2}") int maxInFlightPerTenant,
            @Value("${tillbridge.webhooks.connect-timeout:10s}") String connectTimeout,
            @Value("${tillbridge.webhooks.read-timeout:10s}") String readTimeout,
            @Value("${tillbridge.webhooks.retry-schedule:" + DEFAULT_SCHEDULE + "}") String retrySchedule,
            @Value("${tillbridge.webhooks.jitter:0.25}") double jitter,
            @Value("${tillbridge.webhooks.disable-after:5d}") String disableAfter,
            @Value("${tillbridge.webhooks.disable-min-failures:10}") int disableMinFailures,
            @Value("${tillbridge.webhooks.secret-overlap:24h}") String secretOverlap,
            @Value("${tillbridge.webhooks.response-excerpt-bytes:1024}") int responseExcerptBytes,
            @Value("${tillbridge.webhooks.dispatch-rescan:2m}") String dispatchRescan,
            @Value("${tillbridge.webhooks.day-close-interval:5m}") String dayClosePassInterval) {
        this.polling = polling;
        this.pollInterval = positive("poll-interval", pollInterval);
        this.threads = threads;
        this.maxInFlightPerTenant = maxInFlightPerTenant;
        this.connectTimeout = positive("connect-timeout", connectTimeout);
        this.readTimeout = positive("read-timeout", readTimeout);
        List<Duration> schedule = new ArrayList<>();
        for (String step : retrySchedule.split(",")) {
            if (!step.isBlank()) {
                Duration d = parse("retry-schedule", step);
                if (d.isNegative()) {
                    throw new IllegalArgumentException("tillbridge.webhooks.retry-schedule: a wait cannot be negative");
                }
                schedule.add(d);
            }
        }
        this.retrySchedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.disableAfter = parse("disable-after", disableAfter);
        this.disableMinFailures = disableMinFailures;
        this.secretOverlap = parse("secret-overlap", secretOverlap);
        this.responseExcerptBytes = responseExcerptBytes;
        this.dispatchRescan = parse("dispatch-rescan", dispatchRescan);
        this.dayClosePassInterval = positive("day-close-interval", dayClosePassInterval);
        if (threads < 1 || maxInFlightPerTenant < 1 || disableMinFailures < 1 || responseExcerptBytes < 0 || responseExcerptBytes > 2000
                || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("tillbridge.webhooks: threads, max-in-flight-per-tenant and"
                    + " disable-min-failures must be at"
                    + " least 1, response-excerpt-bytes 0 to 2000, jitter at least 0 and below 1");
        }
        // A delivery is leased for its whole exchange plus a margin; a sender that dies leaves it to another.
        this.lease = this.connectTimeout.plus(this.readTimeout).multipliedBy(2).plusSeconds(30);
    }

    public boolean polling() {
        return polling;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public int threads() {
        return threads;
    }

    /** Deliveries of one tenant in flight at once (per sending process). */
    public int maxInFlightPerTenant() {
        return maxInFlightPerTenant;
    }

    public Duration lease() {
        return lease;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** The waits before retries 1, 2, ...; a delivery gets one attempt more than there are waits. */
    public List<Duration> retrySchedule() {
        return retrySchedule;
    }

    /** Each wait is drawn uniformly from step x [1 - jitter, 1 + jitter]. */
    public double jitter() {
        return jitter;
    }

    public Duration disableAfter() {
        return disableAfter;
    }

    public int disableMinFailures() {
        return disableMinFailures;
    }

    public Duration secretOverlap() {
        return secretOverlap;
    }

    public int responseExcerptBytes() {
        return responseExcerptBytes;
    }

    public Duration dispatchRescan() {
        return dispatchRescan;
    }

    public Duration dayClosePassInterval() {
        return dayClosePassInterval;
    }

    private static Duration positive(String name, String text) {
        Duration d = parse(name, text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("tillbridge.webhooks." + name + " must be positive");
        }
        return d;
    }

    static Duration parse(String name, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p") || t.startsWith("-p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException(t);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tillbridge.webhooks." + name + ": '" + text
                    + "' is not a duration (e.g. 500ms, 5s, 5m, 2h, 3d or ISO-8601 like PT5M)", e);
        }
    }
}
