package io.tillbridge.connector.clover.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Clover's rate limits: requests per second and requests in flight, per access token (16 and 5) and
 * for the whole app (50 and 10). A request beyond a limit answers 429 and does not count. Seconds
 * are real time (a sliding second), not the sandbox's clock, because concurrency is real too.
 */
final class RateLimits {

    /** A request in flight; {@link #close()} ends it. */
    final class Permit implements AutoCloseable {
        private final String token;
        private boolean closed;

        private Permit(String token) {
            this.token = token;
        }

        @Override
        public void close() {
            synchronized (RateLimits.this) {
                if (!closed) {
                    closed = true;
                    inFlight.merge(token, -1, Integer::sum);
                    appInFlight--;
                }
            }
        }
    }

    private static final long SECOND = 1_000_000_000L;

    private final CloverSandboxOptions options;
    private final Map<String, Deque<Long>> recent = new HashMap<>();
    private final Deque<Long> appRecent = new ArrayDeque<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int appInFlight;

    RateLimits(CloverSandboxOptions options) {
        this.options = options;
    }

    /** Starts a request of this token, or throws 429 when a limit is reached. */
    synchronized Permit acquire(String token) {
        long now = System.nanoTime();
        Deque<Long> mine = recent.computeIfAbsent(token, t -> new ArrayDeque<>());
        expire(mine, now);
        expire(appRecent, now);
        int flying = inFlight.getOrDefault(token, 0);
        if (over(options.tokenRate(), mine.size()) || over(options.appRate(), appRecent.size())
                || over(options.tokenConcurrency(), flying) || over(options.appConcurrency(), appInFlight)) {
            throw CloverApiException.tooManyRequests();
        }
        mine.addLast(now);
        appRecent.addLast(now);
        inFlight.put(token, flying + 1);
        appInFlight++;
        return new Permit(token);
    }

    private static boolean over(int limit, int used) {
        return limit > 0 && used >= limit;
    }

    private static void expire(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= SECOND) {
            times.removeFirst();
        }
    }
}
