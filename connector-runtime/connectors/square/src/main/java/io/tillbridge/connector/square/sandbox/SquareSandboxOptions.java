package io.tillbridge.connector.square.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SquareSandbox} behaves. Start from {@link #defaults()} and change what a test needs:
 * {@code SquareSandboxOptions.defaults().withSeed(7).withOrders(12_000)}.
 *
 * @param seed the same seed (with the same clock) gives the same data
 * @param merchant the merchant's country, currency and locations
 * @param clock the sandbox's time; {@link SquareSandbox#advance} moves it further
 * @param orders how many orders the seed creates over {@code history}
 * @param history how far back the seeded orders go
 * @param customers how many customer profiles the seed creates
 * @param clientId the OAuth application's id
 * @param clientSecret the OAuth application's secret
 * @param requestBudget requests one access token may send per {@code budgetWindow}; 0 for no limit.
 *     Square documents no numbers, only the 429 answer; the budget lets tests reach it.
 * @param budgetWindow the window of the request budget, on the sandbox's clock
 * @param retryAfter when set, a 429 carries {@code Retry-After} with these seconds. Square's
 *     documentation does not confirm that it sends this header, so it is off (null) by default
 * @param ordersMaxLimit the largest {@code limit} of {@code SearchOrders} (Square: 1000)
 * @param ordersDefaultLimit the {@code limit} of {@code SearchOrders} when the request has none (Square: 500)
 * @param catalogPageSize the fixed page size of {@code ListCatalog} (Square: 100)
 * @param listMaxLimit the largest page of {@code ListPayments} and {@code ListPaymentRefunds} (Square: 100)
 * @param ordersPerHour new orders per location per hour while the clock is advanced
 * @param webhookAttempts delivery attempts of one event to one subscription (the first included)
 * @param webhookRetryDelay the wait before the first retry; it doubles per retry. Square retries
 *     for hours; the sandbox compresses that so that tests see retries
 * @param webhookDuplicates whether every event is delivered twice (Square may deliver duplicates)
 * @param port the port to listen on (127.0.0.1); 0 picks a free one
 */
public record SquareSandboxOptions(
        long seed,
        SquareMerchant merchant,
        Clock clock,
        int orders,
        Duration history,
        int customers,
        String clientId,
        String clientSecret,
        int requestBudget,
        Duration budgetWindow,
        Duration retryAfter,
        int ordersMaxLimit,
        int ordersDefaultLimit,
        int catalogPageSize,
        int listMaxLimit,
        int ordersPerHour,
        int webhookAttempts,
        Duration webhookRetryDelay,
        boolean webhookDuplicates,
        int port) {

    public SquareSandboxOptions {
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(budgetWindow, "budgetWindow");
        Objects.requireNonNull(webhookRetryDelay, "webhookRetryDelay");
        if (orders < 0 || customers < 0 || requestBudget < 0 || ordersPerHour < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (ordersMaxLimit < 1 || ordersDefaultLimit < 1 || catalogPageSize < 1 || listMaxLimit < 1
                || webhookAttempts < 1) {
            throw new IllegalArgumentException("page sizes and attempts must be at least 1");
        }
    }

    /** Square's own limits, a US merchant with 200 orders over 30 days, no request budget. */
    public static SquareSandboxOptions defaults() {
        return new SquareSandboxOptions(1L, SquareMerchant.US, Clock.systemUTC(), 200, Duration.ofDays(30), 40,
                "sandbox-sq0idp-tillbridge", "sandbox-sq0csp-secret", 0, Duration.ofMinutes(1), null, 1000, 500,
                100, 100, 4, 3, Duration.ofMillis(200), false, 0);
    }

    public SquareSandboxOptions withSeed(long value) {
        return new SquareSandboxOptions(value, merchant, clock, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    public SquareSandboxOptions withMerchant(SquareMerchant value) {
        return new SquareSandboxOptions(seed, value, clock, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    public SquareSandboxOptions withClock(Clock value) {
        return new SquareSandboxOptions(seed, merchant, value, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    /** How many orders the seed creates, spread over {@code history}. */
    public SquareSandboxOptions withOrders(int value, Duration over) {
        return new SquareSandboxOptions(seed, merchant, clock, value, over, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    public SquareSandboxOptions withOrders(int value) {
        return withOrders(value, history);
    }

    public SquareSandboxOptions withClient(String id, String secret) {
        return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, id, secret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    /** At most {@code requests} per access token per {@code window}; beyond it 429 {@code RATE_LIMITED}. */
    public SquareSandboxOptions withRequestBudget(int requests, Duration window) {
        return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, clientId, clientSecret,
                requests, window, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    /** Sends {@code Retry-After} on 429 (not confirmed for Square: a sandbox option only). */
    public SquareSandboxOptions withRetryAfter(Duration value) {
        return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, value, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    /** Smaller page maximums than Square's, so that tests page through many pages of little data. */
    public SquareSandboxOptions withPageLimits(int ordersMax, int ordersDefault, int catalogPage, int listMax) {
        return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMax, ordersDefault, catalogPage, listMax,
                ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    public SquareSandboxOptions withOrdersPerHour(int value) {
        return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, value, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
    }

    public SquareSandboxOptions withWebhookDelivery(int attempts, Duration retryDelay, boolean duplicates) {
        return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, attempts, retryDelay, duplicates, port);
    }

    public SquareSandboxOptions withPort(int value) {
        return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, clientId, clientSecret,
                requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, value);
    }
}
