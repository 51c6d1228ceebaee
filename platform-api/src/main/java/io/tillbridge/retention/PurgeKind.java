package io.tillbridge.retention;

/** What the retention purge deletes; tenant kinds go tenant by tenant under row-level security. */
public enum PurgeKind {
    /** Source records stored per run for replay, of runs finished before the cut-off. */
    RUN_RECORDS("run-records", true),
    /** What shadow runs finished before the cut-off would have written. */
    SHADOW_CHANGES("shadow-changes", true),
    /** Events of runs finished before the cut-off. */
    RUN_EVENTS("run-events", true),
    /** Received webhook deliveries older than the cut-off. */
    WEBHOOK_EVENTS("webhook-events", true),
    /** Vendor webhook changes written or skipped before the cut-off. */
    VENDOR_HOOK_CHANGES("vendor-hook-changes", true),
    /** Vendor webhook events received before the cut-off none of whose changes is still pending or waiting. */
    VENDOR_HOOK_EVENTS("vendor-hook-events", true),
    /** Record errors resolved or ignored before the cut-off. */
    RESOLVED_ERRORS("resolved-errors", true),
    /** The tenant's event log (platform_events) older than the cut-off. */
    PLATFORM_EVENTS("platform-events", true),
    /** Alerts resolved before the cut-off. */
    RESOLVED_ALERTS("resolved-alerts", true),
    /** Hourly source activity (records per vendor location and hour) of hours before the cut-off. */
    SOURCE_ACTIVITY("source-activity", true),
    /** Outbound webhook deliveries (with their attempts) finished before the cut-off. */
    OUTBOUND_DELIVERIES("outbound-deliveries", true),
    /** Invitations never accepted that expired before the cut-off. */
    EXPIRED_INVITATIONS("expired-invitations", true),
    /** Stored answers of Idempotency-Key requests older than the cut-off. */
    IDEMPOTENCY_KEYS("idempotency-keys", false),
    /** Refresh tokens that expired before the cut-off. */
    EXPIRED_REFRESH_TOKENS("expired-refresh-tokens", false),
    /** Email verification and password reset tokens that expired before the cut-off. */
    EXPIRED_EMAIL_TOKENS("expired-email-tokens", false),
    /** Support impersonations that expired before the cut-off. */
    EXPIRED_IMPERSONATIONS("expired-impersonations", false);

    private final String wire;
    private final boolean perTenant;

    PurgeKind(String wire, boolean perTenant) {
        this.wire = wire;
        this.perTenant = perTenant;
    }

    /** The name in logs and metrics. */
    public String wire() {
        return wire;
    }

    /** Whether the kind lives in a tenant table (purged tenant by tenant). */
    public boolean perTenant() {
        return perTenant;
    }
}
