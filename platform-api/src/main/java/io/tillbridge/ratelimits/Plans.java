package io.tillbridge.ratelimits;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured plans. A tenant whose plan is not configured gets the default plan's limits
 * ({@code tillbridge.rate-limits.default-plan}, {@code free} unless set), and a warning once.
 * Calls outside a tenant also get the default plan's per-key limit.
 */
@Singleton
public class Plans {

    private static final Logger LOG = LoggerFactory.getLogger(Plans.class);

    private final Map<String, PlanLimits> byName;
    private final PlanLimits defaultPlan;
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    public Plans(List<PlanLimits> plans, @Value("${tillbridge.rate-limits.default-plan:free}") String defaultPlan) {
        this.byName = plans.stream().collect(Collectors.toUnmodifiableMap(p -> p.name().toLowerCase(Locale.ROOT),
                Function.identity()));
        this.defaultPlan = Optional.ofNullable(byName.get(defaultPlan.toLowerCase(Locale.ROOT))).orElseThrow(() ->
                new ConfigurationException("The default plan '" + defaultPlan + "' has no limits: configure"
                        + " tillbridge.rate-limits.plans." + defaultPlan + ".per-key-per-minute and .per-tenant-per-minute"));
    }

    public PlanLimits defaultPlan() {
        return defaultPlan;
    }

    /** The limits of {@code plan}, or the default plan's when it is not configured. */
    public PlanLimits of(String plan) {
        PlanLimits limits = plan == null ? null : byName.get(plan.toLowerCase(Locale.ROOT));
        if (limits != null) {
            return limits;
        }
        if (warned.putIfAbsent(String.valueOf(plan), Boolean.TRUE) == null) {
            LOG.warn("Plan '{}' has no rate limits configured; its tenants get the limits of plan '{}'", plan,
                    defaultPlan.name());
        }
        return defaultPlan;
    }
}
