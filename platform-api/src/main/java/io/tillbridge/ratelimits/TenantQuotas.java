package io.tillbridge.ratelimits;

import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Caller;
import io.tillbridge.ratelimits.internal.TenantPlanRepository;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The plan limits that apply to a caller's requests in a tenant, or none when the caller does not
 * reach the tenant (no membership, no live grant): such requests answer 404 and must not spend the
 * tenant's quota, or any caller could starve any tenant.
 *
 * <p>Answers are cached per caller and tenant for {@code tillbridge.rate-limits.plan-cache-ttl}
 * (default 30 seconds), so that a plan change or a new or revoked grant reaches the limiter within
 * that time; access itself is decided on every request by {@code TenantAccess}.
 */
@Singleton
public class TenantQuotas {

    /** A caller's standing in a tenant: the plan's limits, or empty when it does not reach the tenant. */
    public record Reach(Optional<PlanLimits> limits) {
    }

    private final TenantTransactions transactions;
    private final TenantPlanRepository repository;
    private final Plans plans;
    private final ExpiringMap<Optional<String>> cache;

    public TenantQuotas(TenantTransactions transactions, TenantPlanRepository repository, Plans plans,
            @Value("${tillbridge.rate-limits.plan-cache-ttl:30s}") Duration ttl,
            @Value("${tillbridge.rate-limits.max-entries:100000}") int maxEntries) {
        this.transactions = transactions;
        this.repository = repository;
        this.plans = plans;
        this.cache = new ExpiringMap<>("tenant plan cache", ttl, ttl, maxEntries, System::nanoTime);
    }

    /** The cached answer for {@code caller} in {@code tenant}, if there is one; never blocks. */
    public Optional<Reach> cached(Caller caller, TenantId tenant) {
        Optional<String> plan = cache.getIfPresent(key(caller, tenant));
        return plan == null ? Optional.empty() : Optional.of(reach(plan));
    }

    /** The answer for {@code caller} in {@code tenant}, read from the database when not cached. Blocks. */
    public Reach lookup(Caller caller, TenantId tenant) {
        return reach(cache.get(key(caller, tenant),
                key -> transactions.withoutTenant(c -> repository.planReachedBy(c, tenant, caller))));
    }

    private Reach reach(Optional<String> plan) {
        return new Reach(plan.map(plans::of));
    }

    private static String key(Caller caller, TenantId tenant) {
        return RateLimiter.callerKey(caller) + " " + tenant;
    }
}
