package io.tillbridge.connector.clover.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link CloverSandbox} behaves. Start from {@link #defaults()} and change what a test needs:
 * {@code CloverSandboxOptions.defaults().withSeed(7).withOrders(1_200)}.
 *
 * @param seed the same seed (with the same clock) gives the same data
 * @param merchants one Clover merchant (one {@code mId}, one location) each
 * @param clock the sandbox's time; {@link CloverSandbox#advance} moves it further
 * @param orders how many orders the seed creates per merchant over {@code history}, besides one large
 *     catering order (more line items than a nested list shows) and one offline order that reaches
 *     the API only within three hours of the start
 * @param history how far back the seeded orders go (beyond Clover's 90-day default window by default)
 * @param customers how many customers the seed creates per merchant
 * @param clientId the OAuth application's id (Clover: the app id)
 * @param clientSecret the OAuth application's secret
 * @param accessTokenTtl how long an access token lives (Clover's value is not confirmed)
 * @param refreshTokenTtl how long a refresh token lives (Clover's value is not confirmed)
 * @param tokenRate requests per second per access token (Clover: 16); 0 for no limit
 * @param tokenConcurrency requests in flight per access token (Clover: 5); 0 for no limit
 * @param appRate requests per second for the whole app (Clover: 50); 0 for no limit
 * @param appConcurrency requests in flight for the whole app (Clover: 10); 0 for no limit
 * @param retryAfter when set, a 429 carries {@code Retry-After} with these seconds. Clover's header
 *     names are not confirmed, so it is off (null) by default
 * @param defaultLimit the page size when a list request names no {@code limit} (Clover: 100)
 * @param maxLimit the largest page; a larger {@code limit} is capped to it (Clover: 1000)
 * @param nestedCap the most elements an expanded nested list shows (Clover: 100)
 * @param ordersPerHour new orders per merchant per hour while the clock is advanced
 * @param webhookUrl the app's one webhook URL (loopback only), or null to register it later with
 *     {@link CloverSandbox#registerWebhook} or {@code POST /sandbox/webhooks}
 * @param webhookAuthCode the static code every verified message carries in {@code X-Clover-Auth}
 * @param webhookDropRate the share of messages (0..1) the sandbox drops: Clover guarantees no delivery
 * @param port the port to listen on (127.0.0.1); 0 picks a free one
 */
public record CloverSandboxOptions(
        long seed,
        List<CloverMerchant> merchants,
        Clock clock,
        int orders,
        Duration history,
        int customers,
        String clientId,
        String clientSecret,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        int tokenRate,
        int tokenConcurrency,
        int appRate,
        int appConcurrency,
        Duration retryAfter,
        int defaultLimit,
        int maxLimit,
        int nestedCap,
        int ordersPerHour,
        String webhookUrl,
        String webhookAuthCode,
        double webhookDropRate,
        int port) {

    public CloverSandboxOptions {
        merchants = List.copyOf(merchants);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(webhookAuthCode, "webhookAuthCode");
        if (merchants.isEmpty()) {
            throw new IllegalArgumentException("at least one merchant");
        }
        if (orders < 0 || customers < 0 || tokenRate < 0 || tokenConcurrency < 0 || appRate < 0
                || appConcurrency < 0 || ordersPerHour < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (defaultLimit < 1 || maxLimit < defaultLimit || nestedCap < 1) {
            throw new IllegalArgumentException("page sizes must be at least 1 and the default at most the maximum");
        }
        if (webhookDropRate < 0 || webhookDropRate > 1) {
            throw new IllegalArgumentException("webhookDropRate must be between 0 and 1");
        }
    }

    /**
     * Clover's own limits; a New York deli with 300 orders over 120 days and 40 customers.
     */
    public static CloverSandboxOptions defaults() {
        return new CloverSandboxOptions(1L, List.of(CloverMerchant.US_NEW_YORK), Clock.systemUTC(), 300,
                Duration.ofDays(120), 40, "TILLBRIDGE0APP", "sandbox-clover-secret", Duration.ofMinutes(30),
                Duration.ofDays(365), 16, 5, 50, 10, null, 100, 1000, 100, 4, null,
                "sandbox-clover-auth-code", 0.0, 0);
    }

    public CloverSandboxOptions withSeed(long value) {
        return copy(b -> b.seed = value);
    }

    public CloverSandboxOptions withMerchants(CloverMerchant... value) {
        return copy(b -> b.merchants = List.of(value));
    }

    public CloverSandboxOptions withClock(Clock value) {
        return copy(b -> b.clock = value);
    }

    /** How many orders the seed creates per merchant, spread over {@code over}. */
    public CloverSandboxOptions withOrders(int value, Duration over) {
        return copy(b -> {
            b.orders = value;
            b.history = over;
        });
    }

    public CloverSandboxOptions withOrders(int value) {
        return withOrders(value, history);
    }

    public CloverSandboxOptions withCustomers(int value) {
        return copy(b -> b.customers = value);
    }

    public CloverSandboxOptions withClient(String id, String secret) {
        return copy(b -> {
            b.clientId = id;
            b.clientSecret = secret;
        });
    }

    public CloverSandboxOptions withTokenLifetimes(Duration access, Duration refresh) {
        return copy(b -> {
            b.accessTokenTtl = access;
            b.refreshTokenTtl = refresh;
        });
    }

    /** Per token and per app: requests per second and requests in flight; 0 turns a limit off. */
    public CloverSandboxOptions withRateLimits(int perTokenRate, int perTokenConcurrent, int perAppRate,
                                               int perAppConcurrent) {
        return copy(b -> {
            b.tokenRate = perTokenRate;
            b.tokenConcurrency = perTokenConcurrent;
            b.appRate = perAppRate;
            b.appConcurrency = perAppConcurrent;
        });
    }

    /** No rate or concurrency limits at all. */
    public CloverSandboxOptions withoutRateLimits() {
        return withRateLimits(0, 0, 0, 0);
    }

    /** Sends {@code Retry-After} on 429 (not confirmed for Clover: a sandbox option only). */
    public CloverSandboxOptions withRetryAfter(Duration value) {
        return copy(b -> b.retryAfter = value);
    }

    public CloverSandboxOptions withPageLimits(int defaultPage, int maxPage, int nestedLists) {
        return copy(b -> {
            b.defaultLimit = defaultPage;
            b.maxLimit = maxPage;
            b.nestedCap = nestedLists;
        });
    }

    public CloverSandboxOptions withOrdersPerHour(int value) {
        return copy(b -> b.ordersPerHour = value);
    }

    public CloverSandboxOptions withWebhook(String url, String authCode) {
        return copy(b -> {
            b.webhookUrl = url;
            b.webhookAuthCode = authCode;
        });
    }

    public CloverSandboxOptions withWebhookDropRate(double value) {
        return copy(b -> b.webhookDropRate = value);
    }

    public CloverSandboxOptions withPort(int value) {
        return copy(b -> b.port = value);
    }

    private CloverSandboxOptions copy(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** The options' values, changed one by one by the {@code with...} methods. */
    private static final class Copy {
        long seed;
        List<CloverMerchant> merchants;
        Clock clock;
        int orders;
        Duration history;
        int customers;
        String clientId;
        String clientSecret;
        Duration accessTokenTtl;
        Duration refreshTokenTtl;
        int tokenRate;
        int tokenConcurrency;
        int appRate;
        int appConcurrency;
        Duration retryAfter;
        int defaultLimit;
        int maxLimit;
        int nestedCap;
        int ordersPerHour;
        String webhookUrl;
        String webhookAuthCode;
        double webhookDropRate;
        int port;

        Copy(CloverSandboxOptions o) {
            seed = o.seed;
            merchants = o.merchants;
            clock = o.clock;
            orders = o.orders;
            history = o.history;
            customers = o.customers;
            clientId = o.clientId;
            clientSecret = o.clientSecret;
            accessTokenTtl = o.accessTokenTtl;
            refreshTokenTtl = o.refreshTokenTtl;
            tokenRate = o.tokenRate;
            tokenConcurrency = o.tokenConcurrency;
            appRate = o.appRate;
            appConcurrency = o.appConcurrency;
            retryAfter = o.retryAfter;
            defaultLimit = o.defaultLimit;
            maxLimit = o.maxLimit;
            nestedCap = o.nestedCap;
            ordersPerHour = o.ordersPerHour;
            webhookUrl = o.webhookUrl;
            webhookAuthCode = o.webhookAuthCode;
            webhookDropRate = o.webhookDropRate;
            port = o.port;
        }

        CloverSandboxOptions build() {
            return new CloverSandboxOptions(seed, merchants, clock, orders, history, customers, clientId,
                    clientSecret, accessTokenTtl, refreshTokenTtl, tokenRate, tokenConcurrency, appRate,
                    appConcurrency, retryAfter, defaultLimit, maxLimit, nestedCap, ordersPerHour, webhookUrl,
                    webhookAuthCode, webhookDropRate, port);
        }
    }
}
