package io.tillbridge.connector.quickbooks.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The throttles of a realm (vendor-apis.md, QuickBooks Online "Rate limits"): at most
 * {@link QuickBooksSandboxOptions#requestsPerMinute()} requests in each minute on the sandbox's clock
 * (Intuit: 500) and at most {@link QuickBooksSandboxOptions#concurrentRequests()} at once (Intuit:
 * 10); past either a 429 in Intuit's fault envelope, without {@code Retry-After} (none is
 * documented). A request that is refused does not count.
 */
final class RealmLimits {

    /** A request being served; closing it frees its concurrent slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private record Window(Instant start, int used) {
    }

    private final QuickBooksSandboxOptions options;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();

    RealmLimits(QuickBooksSandboxOptions options) {
        this.options = options;
        this.clock = options.clock();
    }

    synchronized Permit acquire(String realm) {
        int concurrent = inFlight.getOrDefault(realm, 0);
        if (options.concurrentRequests() > 0 && concurrent >= options.concurrentRequests()) {
            throw QuickBooksFault.throttled("more than " + options.concurrentRequests() + " concurrent requests");
        }
        if (options.requestsPerMinute() > 0) {
            Instant now = clock.instant();
            Window w = windows.get(realm);
            if (w == null || !now.isBefore(w.start().plusSeconds(60))) {
                w = new Window(now, 0);
            }
            if (w.used() >= options.requestsPerMinute()) {
                windows.put(realm, w);
                throw QuickBooksFault.throttled("more than " + options.requestsPerMinute() + " requests a minute");
            }
            windows.put(realm, new Window(w.start(), w.used() + 1));
        }
        inFlight.put(realm, concurrent + 1);
        return () -> release(realm);
    }

    private synchronized void release(String realm) {
        inFlight.merge(realm, -1, Integer::sum);
    }
}
