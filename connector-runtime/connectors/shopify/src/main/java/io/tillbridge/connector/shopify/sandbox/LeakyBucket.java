package io.tillbridge.connector.shopify.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * Shopify's leaky bucket, on the sandbox's clock: each request (REST: 1, GraphQL: its cost) pours
 * into the bucket, which leaks {@code leakPerSecond}; a request that does not fit is refused and
 * pours nothing. REST shows the level ({@code X-Shopify-Shop-Api-Call-Limit: 32/40}); GraphQL shows
 * what is left ({@code currentlyAvailable}).
 */
final class LeakyBucket {

    private final double capacity;
    private final double leakPerSecond;
    private double level;
    private Instant updated;

    LeakyBucket(double capacity, double leakPerSecond, Instant now) {
        this.capacity = capacity;
        this.leakPerSecond = leakPerSecond;
        this.updated = now;
    }

    /** Pours {@code amount} in if it fits; false (and nothing poured) when it does not. */
    synchronized boolean pour(double amount, Instant now) {
        leak(now);
        if (level + amount > capacity) {
            return false;
        }
        level += amount;
        return true;
    }

    /** Takes back what a request poured but did not use (GraphQL: requested minus actual cost). */
    synchronized void refund(double amount) {
        level = Math.max(0, level - amount);
    }

    synchronized double level(Instant now) {
        leak(now);
        return level;
    }

    double capacity() {
        return capacity;
    }

    double leakPerSecond() {
        return leakPerSecond;
    }

    /** How long until {@code amount} fits. */
    synchronized Duration waitFor(double amount, Instant now) {
        leak(now);
        double excess = level + amount - capacity;
        return excess <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(excess / leakPerSecond * 1000));
    }

    private void leak(Instant now) {
        if (now.isAfter(updated)) {
            double seconds = Duration.between(updated, now).toNanos() / 1e9;
            level = Math.max(0, level - seconds * leakPerSecond);
            updated = now;
        }
    }
}
