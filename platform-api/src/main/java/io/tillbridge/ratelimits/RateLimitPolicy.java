package io.tillbridge.ratelimits;

/**
 * The state of one quota policy after a request, as the RateLimit header fields report it.
 *
 * @param name {@code per-key} (one API key, or one signed-in user, in one tenant) or {@code per-tenant}
 * @param quota requests allowed per window
 * @param windowSeconds the window, in seconds
 * @param remaining requests left now
 * @param resetSeconds seconds until the quota is whole again
 */
public record RateLimitPolicy(String name, long quota, long windowSeconds, long remaining, long resetSeconds) {

    /** This policy as a member of the {@code RateLimit-Policy} field: {@code "per-key";q=120;w=60}. */
    public String policyItem() {
        return "\"" + name + "\";q=" + quota + ";w=" + windowSeconds;
    }

    /** This policy as a member of the {@code RateLimit} field: {@code "per-key";r=57;t=13}. */
    public String stateItem() {
        return "\"" + name + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
