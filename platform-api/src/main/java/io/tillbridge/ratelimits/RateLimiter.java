package io.tillbridge.ratelimits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Caller;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Token buckets per caller and per tenant (bucket4j), sized by the tenant's plan.
 *
 * <ul>
 *   <li>{@code per-key}: one bucket per API key (per user for signed-in callers, per support user
 *       for impersonations) and tenant, holding the plan's {@code per-key-per-minute}; outside a
 *       tenant's routes, and in tenants the caller does not reach, one bucket per caller with the
 *       default plan's limit;</li>
 *   <li>{@code per-tenant}: one bucket per tenant, holding the plan's {@code per-tenant-per-minute},
 *       spent only by callers that reach the tenant.</li>
 * </ul>
 *
 * <p>Buckets refill continuously (greedy refill): a quota of 120 per minute gives one request back
 * every half second. Buckets are independent: a noisy key empties its own bucket and at most its
 * share of its tenant's; other keys and other tenants keep theirs. A request refused by the tenant
 * bucket gives its per-key token back.
 *
 * <p><b>Limits are per process.</b> Buckets live in this JVM's memory, so N API replicas allow up to
 * N times the configured rates; a shared store (bucket4j over PostgreSQL or Redis) is future work.
 * Memory is bounded: a bucket unused for a whole window is full again, indistinguishable from a new
 * one, so it is dropped ({@link ExpiringMap}), and at most {@code tillbridge.rate-limits.max-entries}
 * buckets are kept.
 */
@Singleton
public class RateLimiter {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final String PER_KEY = "per-key";
    public static final String PER_TENANT = "per-tenant";

    private final Plans plans;
    private final TenantQuotas quotas;
    private final ExpiringMap<Bucket> buckets;

    public RateLimiter(Plans plans, TenantQuotas quotas,
            @Value("${tillbridge.rate-limits.max-entries:100000}") int maxEntries) {
        this.plans = plans;
        this.quotas = quotas;
        this.buckets = new ExpiringMap<>("rate limit buckets", WINDOW, Duration.ofNanos(Long.MAX_VALUE), maxEntries, System::nanoTime);
    }

    /**
     * Takes one request from the caller's buckets, in {@code tenant} when the route names one.
     * May read the tenant's plan from the database: call it off the event loop.
     */
    public RateLimitDecision take(Caller caller, Optional<TenantId> tenant) {
        Optional<TenantQuotas.Reach> reach = tenant.map(t -> quotas.lookup(caller, t));
        return take(caller, tenant, reach.flatMap(TenantQuotas.Reach::limits));
    }

    /**
     * Like {@link #take(Caller, Optional)}, but only when that needs no database read; empty when
     * the caller's standing in the tenant is not cached.
     */
    public Optional<RateLimitDecision> takeWithoutBlocking(Caller caller, Optional<TenantId> tenant) {
        if (tenant.isEmpty()) {
            return Optional.of(take(caller, tenant, Optional.empty()));
        }
        return quotas.cached(caller, tenant.get()).map(reach -> take(caller, tenant, reach.limits()));
    }

    private RateLimitDecision take(Caller caller, Optional<TenantId> tenant, Optional<PlanLimits> plan) {
        String who = callerKey(caller);
        if (plan.isEmpty()) {
            int quota = plans.defaultPlan().perKeyPerMinute();
            return takeFrom(List.of(new Limit(PER_KEY, quota, bucket(PER_KEY + " " + who, quota))));
        }
        int perKey = plan.get().perKeyPerMinute();
        int perTenant = plan.get().perTenantPerMinute();
        return takeFrom(List.of(
                new Limit(PER_KEY, perKey, bucket(PER_KEY + " " + who + " " + tenant.orElseThrow(), perKey)),
                new Limit(PER_TENANT, perTenant, bucket(PER_TENANT + " " + tenant.orElseThrow(), perTenant))));
    }

    /** How the caller's buckets are named: by key, user or support user, never by anything it sends. */
    static String callerKey(Caller caller) {
        if (caller instanceof Caller.Partner partner) {
            return "key:" + partner.keyId();
        }
        if (caller instanceof Caller.User user) {
            return "user:" + user.userId();
        }
        return "support:" + ((Caller.Support) caller).supportUserId();
    }

    private record Limit(String name, long quota, Bucket bucket) {
    }

    /** Takes a token from each bucket in order; if one is empty, gives back those already taken. */
    private static RateLimitDecision takeFrom(List<Limit> limits) {
        List<RateLimitPolicy> states = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            ConsumptionProbe probe = limit.bucket().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                for (int j = 0; j < i; j++) {
                    limits.get(j).bucket().addTokens(1);
                }
                List<RateLimitPolicy> all = new ArrayList<>();
                for (Limit l : limits) {
                    all.add(state(l, l.bucket().getAvailableTokens()));
                }
                long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
                return new RateLimitDecision(all, Optional.of(all.get(i)), retryAfter);
            }
            states.add(state(limit, probe.getRemainingTokens()));
        }
        return new RateLimitDecision(states, Optional.empty(), 0);
    }

    private static RateLimitPolicy state(Limit limit, long remaining) {
        long r = Math.max(0, Math.min(limit.quota(), remaining));
        long window = WINDOW.toSeconds();
        long reset = ((limit.quota() - r) * window + limit.quota() - 1) / limit.quota();
        return new RateLimitPolicy(limit.name(), limit.quota(), window, r, reset);
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    private Bucket bucket(String name, long quota) {
        return buckets.get(name + " q" + quota, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(quota).refillGreedy(quota, WINDOW).build())
                .build());
    }
}
