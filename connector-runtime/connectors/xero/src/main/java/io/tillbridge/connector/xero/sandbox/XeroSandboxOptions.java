package io.tillbridge.connector.xero.sandbox;

import java.time.Clock;
import java.time.Duration;

/**
 * How a Xero sandbox starts: its data's seed and clock, how many contacts and items it seeds, and
 * the rate limits per tenant. Xero's own limits are 5 concurrent calls, 60 calls a minute and 5000
 * a day per tenant, and 10,000 a minute per app (developer.xero.com, "OAuth 2.0 API limits"); tests
 * set small ones so that a limit is reached in a few calls.
 *
 * @param seed the seed of the organisation's ids, items and contacts
 * @param clock the sandbox's time (rate-limit windows, token expiry, update stamps)
 * @param contacts how many contacts are seeded
 * @param items how many items are seeded
 * @param concurrent calls in flight per tenant
 * @param perMinute calls per tenant in any 60 seconds
 * @param perDay calls per tenant in any {@code day}
 * @param day the length of the daily window (24 hours at Xero)
 * @param appPerMinute calls per app in any 60 seconds (reported in {@code X-AppMinLimit-Remaining})
 * @param clientId the OAuth client id the sandbox accepts
 * @param clientSecret the OAuth client secret the sandbox accepts
 * @param tenantId the organisation's tenant id ({@code xero-tenant-id})
 * @param baseCurrency the organisation's base currency (GBP: a UK organisation; USD: a US one); manual
 *     journals post in it only
 */
public record XeroSandboxOptions(long seed, Clock clock, int contacts, int items, int concurrent, int perMinute,
        int perDay, Duration day, int appPerMinute, String clientId, String clientSecret, String tenantId,
        String baseCurrency) {

    public static XeroSandboxOptions defaults() {
        return new XeroSandboxOptions(1L, Clock.systemUTC(), 240, 40, 5, 60, 5000, Duration.ofDays(1), 10_000,
                "XEROSANDBOXCLIENT0000000000000001", "sandbox-client-secret-xero",
                "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "GBP");
    }

    public XeroSandboxOptions withSeed(long s) {
        return new XeroSandboxOptions(s, clock, contacts, items, concurrent, perMinute, perDay, day, appPerMinute,
                clientId, clientSecret, tenantId, baseCurrency);
    }

    public XeroSandboxOptions withClock(Clock c) {
        return new XeroSandboxOptions(seed, c, contacts, items, concurrent, perMinute, perDay, day, appPerMinute,
                clientId, clientSecret, tenantId, baseCurrency);
    }

    public XeroSandboxOptions withContacts(int n) {
        return new XeroSandboxOptions(seed, clock, n, items, concurrent, perMinute, perDay, day, appPerMinute,
                clientId, clientSecret, tenantId, baseCurrency);
    }

    /** Limits per tenant: calls in flight, per minute, per day. */
    public XeroSandboxOptions withLimits(int inFlight, int minute, int dayLimit) {
        return new XeroSandboxOptions(seed, clock, contacts, items, inFlight, minute, dayLimit, day, appPerMinute,
                clientId, clientSecret, tenantId, baseCurrency);
    }

    /** An organisation whose base currency is {@code code} (ISO 4217), for POS data in that currency. */
    public XeroSandboxOptions withBaseCurrency(String code) {
        return new XeroSandboxOptions(seed, clock, contacts, items, concurrent, perMinute, perDay, day, appPerMinute,
                clientId, clientSecret, tenantId, java.util.Currency.getInstance(code).getCurrencyCode());
    }
}
