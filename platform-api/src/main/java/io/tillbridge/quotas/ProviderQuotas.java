package io.tillbridge.quotas;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.data.exceptions.DataAccessException;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.quotas.internal.QuotaRows;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request quotas per (provider, merchant account), shared by every run in every process through
 * the {@code provider_quotas} table (DD-014). A permit costs one statement: an atomic
 * {@code UPDATE ... RETURNING} that refills the bucket by the time elapsed and takes a permit only
 * if one is there and no {@code Retry-After} is pending. In front of it, each process remembers
 * per account when the database last said the next permit can come at the earliest (a refusal's
 * wait, or a 429 seen here), and asks no earlier: waiting costs no round trips. Permits themselves
 * are never taken ahead and kept in memory, because a permit held here could still be spent after
 * another process's 429 had closed the account.
 *
 * <p>The account a connector names is the tenant's word, not a verified fact, so the platform
 * keys it by tenant too ({@code ConnectorContexts}, DD-018): one tenant naming another merchant's
 * account can neither drain that account's quota nor close it with a forged {@code Retry-After}.
 * A {@code Retry-After} closes an account for at most {@code tillbridge.quotas.max-back-off}.
 *
 * <p>Rates come from {@code tillbridge.quotas.providers.<name>.per-second} and {@code .burst};
 * a provider without one gets the {@code generic} rate.
 */
@Singleton
public class ProviderQuotas {

    /** The rate class of providers that have no rate of their own. */
    public static final String GENERIC = "generic";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderQuotas.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final TenantTransactions transactions;
    private final Map<String, ProviderRate> rates;
    private final Duration maxWait;
    private final Duration maxBackOff;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    public ProviderQuotas(TenantTransactions transactions, List<ProviderRate> rates,
            @Value("${tillbridge.quotas.max-wait:2m}") Duration maxWait,
            @Value("${tillbridge.quotas.max-back-off:1h}") Duration maxBackOff) {
        this.transactions = transactions;
        this.rates = rates.stream().collect(Collectors.toUnmodifiableMap(r -> r.name().toLowerCase(Locale.ROOT),
                Function.identity()));
        if (!this.rates.containsKey(GENERIC)) {
            throw new ConfigurationException("Configure tillbridge.quotas.providers.generic.per-second and .burst:"
                    + " the rate of providers that have none of their own");
        }
        this.maxWait = maxWait;
        this.maxBackOff = maxBackOff;
    }

    /** The longest a {@code Retry-After} closes an account ({@code tillbridge.quotas.max-back-off}). */
    public Duration maxBackOff() {
        return maxBackOff;
    }

    /**
     * The gate of one provider account.
     *
     * @param provider the provider's rate class; unknown names get the {@value #GENERIC} rate, in a
     *     bucket of their own
     * @param account what identifies the account; only its hash is stored
     */
    public CallGate gate(String provider, String account) {
        String given = provider == null ? GENERIC : provider.toLowerCase(Locale.ROOT);
        String name = given.matches("[a-z][a-z0-9-]{0,39}") ? given : GENERIC;
        ProviderRate rate = rates.get(name);
        if (rate == null) {
            if (warned.putIfAbsent(name, Boolean.TRUE) == null) {
                LOG.warn("Provider '{}' has no request rate configured; it gets the {} rate", name, GENERIC);
            }
            rate = rates.get(GENERIC);
        }
        byte[] hash = sha256(name + "\u0000" + account);
        ProviderRate chosen = rate;
        String key = name + ":" + HexFormat.of().formatHex(hash);
        return gates.computeIfAbsent(key, k -> new Gate(k, name, hash, chosen));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One account's gate: the database bucket, with this process's memory of when to ask next. */
    private final class Gate implements CallGate {

        private final String key;
        private final String provider;
        private final byte[] accountHash;
        private final ProviderRate rate;
        /** No database call before this {@link System#nanoTime()}. */
        private volatile long notBefore = System.nanoTime();
        private volatile boolean created;

        Gate(String key, String provider, byte[] accountHash, ProviderRate rate) {
            this.key = key;
            this.provider = provider;
            this.accountHash = accountHash;
            this.rate = rate;
        }

        @Override
        public boolean acquire(BooleanSupplier stopRequested) {
            long started = System.nanoTime();
            while (true) {
                if (stopRequested.getAsBoolean()) {
                    return false;
                }
                long ahead = notBefore - System.nanoTime();
                if (ahead <= 0) {
                    QuotaRows.Acquired acquired = take();
                    if (acquired.granted()) {
                        return true;
                    }
                    ahead = acquired.retryIn().toNanos();
                    later(ahead);
                }
                if (System.nanoTime() - started + ahead > maxWait.toNanos()) {
                    throw new ConnectorException(Category.TRANSIENT, "the request quota of " + provider
                            + " is used up for longer than " + maxWait, Duration.ofNanos(ahead), null);
                }
                pause(Math.min(ahead, POLL.toNanos()));
            }
        }

        @Override
        public void backOff(Duration retryAfter) {
            Duration wait = retryAfter.isNegative() ? Duration.ZERO
                    : retryAfter.compareTo(maxBackOff) > 0 ? maxBackOff : retryAfter;
            later(wait.toNanos());
            try {
                transactions.withoutTenant(c -> {
                    ensure(c);
                    QuotaRows.block(c, provider, accountHash, wait);
                    return null;
                });
            } catch (DataAccessException e) {
                // This process still waits; other processes learn of the 429 from their own requests.
                LOG.warn("Could not record the back-off of {} for other processes: {}", provider, e.getMessage());
            }
        }

        private QuotaRows.Acquired take() {
            try {
                return transactions.withoutTenant(c -> {
                    ensure(c);
                    Optional<QuotaRows.Acquired> acquired = QuotaRows.acquire(c, provider, accountHash,
                            rate.perSecond(), rate.burst());
                    if (acquired.isPresent()) {
                        return acquired.get();
                    }
                    created = false;
                    ensure(c);
                    return QuotaRows.acquire(c, provider, accountHash, rate.perSecond(), rate.burst())
                            .orElseThrow(() -> new IllegalStateException("no bucket for " + key));
                });
            } catch (DataAccessException e) {
                throw new ConnectorException(Category.TRANSIENT, "the request quota of " + provider
                        + " cannot be checked: the database is unavailable", POLL, e);
            }
        }

        private void ensure(java.sql.Connection c) throws java.sql.SQLException {
            if (!created) {
                QuotaRows.ensure(c, provider, accountHash, rate.burst());
                created = true;
            }
        }

        private synchronized void later(long nanosFromNow) {
            long at = System.nanoTime() + nanosFromNow;
            if (at - notBefore > 0) {
                notBefore = at;
            }
        }

        private void pause(long nanos) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(Category.TRANSIENT,
                        "interrupted while waiting for the request quota of " + provider, e);
            }
        }
    }
}
