package io.tillbridge.ratelimits;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rate limiter's answer to one request.
 *
 * @param policies the policies that applied, for the response headers
 * @param refusedBy the policy whose quota is used up; empty when the request may proceed
 * @param retryAfterSeconds when refused, seconds until the request would be allowed
 */
public record RateLimitDecision(List<RateLimitPolicy> policies, Optional<RateLimitPolicy> refusedBy,
        long retryAfterSeconds) {

    public RateLimitDecision {
        policies = List.copyOf(policies);
    }

    public boolean allowed() {
        return refusedBy.isEmpty();
    }

    /** The {@code RateLimit-Policy} field value. */
    public String policyField() {
        return policies.stream().map(RateLimitPolicy::policyItem).collect(Collectors.joining(", "));
    }

    /** The {@code RateLimit} field value. */
    public String stateField() {
        return policies.stream().map(RateLimitPolicy::stateItem).collect(Collectors.joining(", "));
    }
}
