package io.tillbridge.connector.quickbooks.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link QuickBooksSandbox} is seeded and how strict it is.
 *
 * @param seed the seed of the company's generated data (same seed, same company)
 * @param locations how many stores the retailer has; every store has its own sales income, clearing
 *     and over/short sub-accounts, so the chart of accounts grows with it (8 stores: about 130 accounts)
 * @param customers how many customers the company has
 * @param clientId the OAuth client id the sandbox accepts
 * @param clientSecret the OAuth client secret
 * @param webhookVerifierToken the key of the {@code intuit-signature} HMAC (Intuit's "verifier token")
 * @param requestsPerMinute requests per realm per minute before 429 (Intuit: 500); 0 for no limit
 * @param concurrentRequests requests of one realm served at once before 429 (Intuit: 10); 0 for no limit
 * @param accessTokenTtl how long an access token lives (Intuit: one hour)
 * @param clock the sandbox's clock (document times, token expiry, the per-minute windows)
 * @param port the port to listen on, 0 for any free one
 */
public record QuickBooksSandboxOptions(long seed, int locations, int customers, String clientId, String clientSecret,
        String webhookVerifierToken, int requestsPerMinute, int concurrentRequests, Duration accessTokenTtl,
        Clock clock, int port) {

    /** Intuit's highest minor version at the time of writing, answered when a request names none. */
    public static final int DEFAULT_MINOR_VERSION = 75;

    /** Minor versions 1 to 74 were discontinued from 2025-08-01 (vendor-apis.md, QuickBooks Online). */
    public static final int LOWEST_MINOR_VERSION = 75;

    public QuickBooksSandboxOptions {
        if (locations < 1 || locations > 50) {
            throw new IllegalArgumentException("locations must be 1 to 50: " + locations);
        }
        if (customers < 1 || customers > 100_000) {
            throw new IllegalArgumentException("customers must be 1 to 100000: " + customers);
        }
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(webhookVerifierToken, "webhookVerifierToken");
        if (requestsPerMinute < 0 || concurrentRequests < 0) {
            throw new IllegalArgumentException("limits are not negative");
        }
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(clock, "clock");
    }

    /** Intuit's published limits, 8 stores, 150 customers, the system clock. */
    public static QuickBooksSandboxOptions defaults() {
        return new QuickBooksSandboxOptions(42, 8, 150, "ABsandboxClientId0000000000000000", "sandbox-client-secret",
                "sandbox-webhook-verifier-token", 500, 10, Duration.ofHours(1), Clock.systemUTC(), 0);
    }

    public QuickBooksSandboxOptions withSeed(long value) {
        return new QuickBooksSandboxOptions(value, locations, customers, clientId, clientSecret, webhookVerifierToken,
                requestsPerMinute, concurrentRequests, accessTokenTtl, clock, port);
    }

    public QuickBooksSandboxOptions withCompany(int stores, int customerCount) {
        return new QuickBooksSandboxOptions(seed, stores, customerCount, clientId, clientSecret, webhookVerifierToken,
                requestsPerMinute, concurrentRequests, accessTokenTtl, clock, port);
    }

    public QuickBooksSandboxOptions withLimits(int perMinute, int concurrent) {
        return new QuickBooksSandboxOptions(seed, locations, customers, clientId, clientSecret, webhookVerifierToken,
                perMinute, concurrent, accessTokenTtl, clock, port);
    }

    public QuickBooksSandboxOptions withClock(Clock value) {
        return new QuickBooksSandboxOptions(seed, locations, customers, clientId, clientSecret, webhookVerifierToken,
                requestsPerMinute, concurrentRequests, accessTokenTtl, value, port);
    }

    public QuickBooksSandboxOptions withAccessTokenTtl(Duration value) {
        return new QuickBooksSandboxOptions(seed, locations, customers, clientId, clientSecret, webhookVerifierToken,
                requestsPerMinute, concurrentRequests, value, clock, port);
    }
}
