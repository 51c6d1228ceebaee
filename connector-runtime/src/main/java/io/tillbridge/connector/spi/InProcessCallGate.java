package io.tillbridge.connector.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A token bucket in this process's memory: {@code perSecond} permits a second, up to {@code burst}
 * at once, closed until a {@link #backOff} has passed; after a back-off one request probes before
 * the rate applies again. It paces the instances that share it, and nothing in other processes.
 */
public final class InProcessCallGate implements CallGate {

    /** Waits on the current thread; tests pass one that moves a fake clock. */
    @FunctionalInterface
    public interface Pause {
        Pause REAL = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

        void pause(Duration duration) throws InterruptedException;
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final double perSecond;
    private final double burst;
    private final Duration maxWait;
    private final Clock clock;
    private final Pause pause;
    private double tokens;
    private Instant refilledAt;
    private Instant blockedUntil;

    /**
     * @param perSecond permits a second; {@link Double#POSITIVE_INFINITY} for no limit but back-off
     * @param burst permits available at once, at least 1
     * @param maxWait the longest wait before {@link #acquire} fails TRANSIENT
     */
    public InProcessCallGate(double perSecond, int burst, Duration maxWait, Clock clock, Pause pause) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.tokens = burst;
        this.refilledAt = clock.instant();
        this.blockedUntil = refilledAt;
    }

    public InProcessCallGate(double perSecond, int burst, Duration maxWait) {
        this(perSecond, burst, maxWait, Clock.systemUTC(), Pause.REAL);
    }

    @Override
    public boolean acquire(BooleanSupplier stopRequested) {
        Instant started = clock.instant();
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            Duration wait = tryTake();
            if (wait.isZero()) {
                return true;
            }
            if (Duration.between(started, clock.instant()).plus(wait).compareTo(maxWait) > 0) {
                throw new ConnectorException(ConnectorException.Category.TRANSIENT,
                        "the provider's request quota is used up for longer than " + maxWait, wait, null);
            }
            try {
                pause.pause(wait.compareTo(POLL) < 0 ? wait : POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ConnectorException.Category.TRANSIENT,
                        "interrupted while waiting for the provider's request quota", e);
            }
        }
    }

    @Override
    public synchronized void backOff(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter.isNegative() ? Duration.ZERO : retryAfter);
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
            // One request probes at the end of the back-off; then the rate applies again.
            refilledAt = until;
            tokens = Math.min(1, burst);
        }
    }

    /** Takes a permit and answers zero, or answers how long until one may be there. */
    private synchronized Duration tryTake() {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            return Duration.between(now, blockedUntil);
        }
        if (Double.isInfinite(perSecond)) {
            return Duration.ZERO;
        }
        if (now.isAfter(refilledAt)) {
            tokens = Math.min(burst, tokens + Duration.between(refilledAt, now).toNanos() / 1e9 * perSecond);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1e9)));
    }
}
