package io.tillbridge.connector.clover.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Scripted trouble for tests: the next API requests (OAuth and {@code /v3} alike) answer a server
 * error, or are answered only after a delay. Faults are used in the order they were added, one per
 * request that passed authentication and the rate limits.
 */
public final class SandboxFaults {

    /** One scripted fault: a status (0 for none) and a delay before answering. */
    record Fault(int status, Duration delay) {
    }

    private final Deque<Fault> next = new ArrayDeque<>();

    /** The next {@code times} requests answer {@code status} (500..504) with {@code {"message"}}. */
    public synchronized SandboxFaults failNext(int times, int status) {
        if (status < 500 || status > 504) {
            throw new IllegalArgumentException("a server error status (500..504) is expected: " + status);
        }
        for (int i = 0; i < times; i++) {
            next.add(new Fault(status, Duration.ZERO));
        }
        return this;
    }

    /** The next {@code times} requests are answered normally, after {@code delay}. */
    public synchronized SandboxFaults slowNext(int times, Duration delay) {
        for (int i = 0; i < times; i++) {
            next.add(new Fault(0, delay));
        }
        return this;
    }

    public synchronized void clear() {
        next.clear();
    }

    synchronized Fault take() {
        return next.poll();
    }
}
