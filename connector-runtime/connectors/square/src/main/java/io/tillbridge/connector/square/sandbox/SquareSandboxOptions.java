package io.tillbridge.connector.square.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link SquareSandbox} behaves. Start from {@link #defaults()} and change what a test needs:
 * {@code SquareSandboxOptions.defaults().withSeed(7).withOrders(12_000)}.
 *
 * @param seed the same seed (with the same clock) gives the same data
 * @param merchant the merchant's country, currency and locations
 * @param clock the sandbox's time; {@link SquareSandbox#advance} moves it further
 * @param orders how many orders the seed creates over {@code history}; besides them one offline order
 *     from the last hour has not reached the API yet (it does within three hours of the start)
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
        return copy(b -> b.seed = value);
    }

    public SquareSandboxOptions withMerchant(SquareMerchant value) {
        return copy(b -> b.merchant = value);
    }

    public SquareSandboxOptions withClock(Clock value) {
        return copy(b -> b.clock = value);
    }

    /** How many orders the seed creates, spread over {@code history}. */
    public SquareSandboxOptions withOrders(int value, Duration over) {
        return copy(b -> {
            b.orders = value;
            b.history = over;
        });
    }

    public SquareSandboxOptions withOrders(int value) {
        return withOrders(value, history);
    }

    public SquareSandboxOptions withCustomers(int value) {
        return copy(b -> b.customers = value);
    }

    public SquareSandboxOptions withClient(String id, String secret) {
        return copy(b -> {
            b.clientId = id;
            b.clientSecret = secret;
        });
    }

    /** At most {@code requests} per access token per {@code window}; beyond it 429 {@code RATE_LIMITED}. */
    public SquareSandboxOptions withRequestBudget(int requests, Duration window) {
        return copy(b -> {
            b.requestBudget = requests;
            b.budgetWindow = window;
        });
    }

    /** Sends {@code Retry-After} on 429 (not confirmed for Square: a sandbox option only). */
    public SquareSandboxOptions withRetryAfter(Duration value) {
        return copy(b -> b.retryAfter = value);
    }

    /** Smaller page maximums than Square's, so that tests page through many pages of little data. */
    public SquareSandboxOptions withPageLimits(int ordersMax, int ordersDefault, int catalogPage, int listMax) {
        return copy(b -> {
            b.ordersMaxLimit = ordersMax;
            b.ordersDefaultLimit = ordersDefault;
            b.catalogPageSize = catalogPage;
            b.listMaxLimit = listMax;
        });
    }

    public SquareSandboxOptions withOrdersPerHour(int value) {
        return copy(b -> b.ordersPerHour = value);
    }

    public SquareSandboxOptions withWebhookDelivery(int attempts, Duration retryDelay, boolean duplicates) {
        return copy(b -> {
            b.webhookAttempts = attempts;
            b.webhookRetryDelay = retryDelay;
            b.webhookDuplicates = duplicates;
        });
    }

    public SquareSandboxOptions withPort(int value) {
        return copy(b -> b.port = value);
    }

    private SquareSandboxOptions copy(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** The options' values, changed one by one by the {@code with...} methods. */
    private static final class Copy {
        long seed;
        SquareMerchant merchant;
        Clock clock;
        int orders;
        Duration history;
        int customers;
        String clientId;
        String clientSecret;
        int requestBudget;
        Duration budgetWindow;
        Duration retryAfter;
        int ordersMaxLimit;
        int ordersDefaultLimit;
        int catalogPageSize;
        int listMaxLimit;
        int ordersPerHour;
        int webhookAttempts;
        Duration webhookRetryDelay;
        boolean webhookDuplicates;
        int port;

        Copy(SquareSandboxOptions o) {
            seed = o.seed;
            merchant = o.merchant;
            clock = o.clock;
            orders = o.orders;
            history = o.history;
            customers = o.customers;
            clientId = o.clientId;
            clientSecret = o.clientSecret;
            requestBudget = o.requestBudget;
            budgetWindow = o.budgetWindow;
            retryAfter = o.retryAfter;
            ordersMaxLimit = o.ordersMaxLimit;
            ordersDefaultLimit = o.ordersDefaultLimit;
            catalogPageSize = o.catalogPageSize;
            listMaxLimit = o.listMaxLimit;
            ordersPerHour = o.ordersPerHour;
            webhookAttempts = o.webhookAttempts;
            webhookRetryDelay = o.webhookRetryDelay;
            webhookDuplicates = o.webhookDuplicates;
            port = o.port;
        }

        SquareSandboxOptions build() {
            return new SquareSandboxOptions(seed, merchant, clock, orders, history, customers, clientId, clientSecret,
                    requestBudget, budgetWindow, retryAfter, ordersMaxLimit, ordersDefaultLimit, catalogPageSize,
                    listMaxLimit, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, port);
        }
    }
}
