package io.tillbridge.ratelimits;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.Positive;

/**
 * The request rates a plan allows, from {@code tillbridge.rate-limits.plans.<plan>}: how many
 * requests one API key (or signed-in user) may make per minute in one tenant of the plan, and how
 * many all callers together may make per minute in that tenant.
 *
 * @param name the plan, as in {@code tenants.plan}
 */
@EachProperty("tillbridge.rate-limits.plans")
public record PlanLimits(@Parameter String name, @Positive int perKeyPerMinute, @Positive int perTenantPerMinute) {
}
