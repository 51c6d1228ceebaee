package io.tillbridge.connector.square.sandbox;

import io.tillbridge.connector.sandbox.ScriptedFaults;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Scripted trouble for tests: the next API requests (OAuth and {@code /v2} alike) answer a server
 * error in Square's envelope, or are answered only after a delay. Faults are used in the order
 * they were added, one per request. {@link #failNext} takes 500 {@code INTERNAL_SERVER_ERROR},
 * 502 {@code BAD_GATEWAY}, 503 {@code SERVICE_UNAVAILABLE} or 504 {@code GATEWAY_TIMEOUT}
 * (category {@code API_ERROR}).
 *
 * <p>Besides the scripted faults, steady conditions for load tests: a {@link #latency} every
 * request waits (a vendor far away), and a {@link #rateLimit share} of requests that answer 429
 * {@code RATE_LIMITED} (a busy vendor), with {@code Retry-After} when the sandbox's options send it.
 */
public final class SandboxFaults extends ScriptedFaults {

    private volatile Duration latency = Duration.ZERO;
    private double rateLimitShare;
    private Random rateLimitDraws = new Random(0);
    private long rateLimitedAnswers;

    /** Square's error code for a scripted server error status. */
    static String code(int status) {
        return switch (status) {
            case 502 -> "BAD_GATEWAY";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 504 -> "GATEWAY_TIMEOUT";
            default -> "INTERNAL_SERVER_ERROR";
        };
    }

    /**
     * Every request from now on is answered only after {@code delay} (besides a scripted delay);
     * {@link Duration#ZERO} for none.
     */
    public SandboxFaults latency(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a latency is not negative: " + delay);
        }
        latency = delay;
        return this;
    }

    /** The latency every request waits ({@link Duration#ZERO} for none). */
    public Duration latency() {
        return latency;
    }

    /**
     * From now on about {@code share} of the requests (0 to 1; each drawn from a random of
     * {@code seed}, so a seed gives the same sequence) answer 429 {@code RATE_LIMITED}, after the
     * latency; 0 for none. Scripted faults come first.
     */
    public synchronized SandboxFaults rateLimit(double share, long seed) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share is between 0 and 1: " + share);
        }
        rateLimitShare = share;
        rateLimitDraws = new Random(seed);
        return this;
    }

    /** How many requests answered 429 as part of the {@link #rateLimit} share so far. */
    public synchronized long rateLimitedAnswers() {
        return rateLimitedAnswers;
    }

    /** Whether this request is one of the {@link #rateLimit} share that answer 429. */
    synchronized boolean rateLimited() {
        boolean limited = rateLimitShare > 0 && rateLimitDraws.nextDouble() < rateLimitShare;
        if (limited) {
            rateLimitedAnswers++;
        }
        return limited;
    }
}
