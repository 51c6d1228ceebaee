package io.tillbridge.retention;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * How long the platform keeps what it no longer needs, and how much one purge batch deletes
 * ({@code tillbridge.retention.*}; see DD-021 for why these defaults).
 */
@Singleton
public class RetentionPolicy {

    private final Duration runRecords;
    private final Duration shadowChanges;
    private final Duration runEvents;
    private final Duration webhookEvents;
    private final Duration vendorHookEvents;
    private final Duration resolvedErrors;
    private final Duration idempotencyKeys;
    private final Duration platformEvents;
    private final Duration sourceActivity;
    private final Duration expiredTokens;
    private final int batchSize;

    public RetentionPolicy(
            @Value("${tillbridge.retention.run-records:30d}") Duration runRecords,
            @Value("${tillbridge.retention.shadow-changes:30d}") Duration shadowChanges,
            @Value("${tillbridge.retention.run-events:90d}") Duration runEvents,
            @Value("${tillbridge.retention.webhook-events:30d}") Duration webhookEvents,
            @Value("${tillbridge.retention.vendor-hook-events:30d}") Duration vendorHookEvents,
            @Value("${tillbridge.retention.resolved-errors:90d}") Duration resolvedErrors,
            @Value("${tillbridge.retention.platform-events:30d}") Duration platformEvents,
            @Value("${tillbridge.retention.source-activity:400d}") Duration sourceActivity,
            @Value("${tillbridge.retention.idempotency-keys:24h}") Duration idempotencyKeys,
            @Value("${tillbridge.retention.expired-tokens:7d}") Duration expiredTokens,
            @Value("${tillbridge.retention.batch-size:1000}") int batchSize) {
        for (Duration d : new Duration[] {runRecords, shadowChanges, runEvents, webhookEvents, vendorHookEvents,
                resolvedErrors, platformEvents, sourceActivity,
                idempotencyKeys, expiredTokens}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("tillbridge.retention: every period must be positive");
            }
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("tillbridge.retention.batch-size must be between 1 and 100000");
        }
        this.runRecords = runRecords;
        this.shadowChanges = shadowChanges;
        this.runEvents = runEvents;
        this.webhookEvents = webhookEvents;
        this.vendorHookEvents = vendorHookEvents;
        this.resolvedErrors = resolvedErrors;
        this.platformEvents = platformEvents;
        this.sourceActivity = sourceActivity;
        this.idempotencyKeys = idempotencyKeys;
        this.expiredTokens = expiredTokens;
        this.batchSize = batchSize;
    }

    /** How long a kind of data is kept (for tokens: after it expired). */
    public Duration keep(PurgeKind kind) {
        return switch (kind) {
            case RUN_RECORDS -> runRecords;
            case SHADOW_CHANGES -> shadowChanges;
            case RUN_EVENTS -> runEvents;
            case WEBHOOK_EVENTS -> webhookEvents;
            case VENDOR_HOOK_CHANGES, VENDOR_HOOK_EVENTS -> vendorHookEvents;
            case RESOLVED_ERRORS, RESOLVED_ALERTS -> resolvedErrors;
            case PLATFORM_EVENTS, OUTBOUND_DELIVERIES -> platformEvents;
            case SOURCE_ACTIVITY -> sourceActivity;
            case IDEMPOTENCY_KEYS -> idempotencyKeys;
            case EXPIRED_INVITATIONS, EXPIRED_REFRESH_TOKENS, EXPIRED_EMAIL_TOKENS, EXPIRED_IMPERSONATIONS -> expiredTokens;
        };
    }

    /** The most rows one purge statement deletes (each batch is its own short transaction). */
    public int batchSize() {
        return batchSize;
    }
}
