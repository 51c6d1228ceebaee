package io.tillbridge.connector.square.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Scripted trouble for tests: the next API requests (OAuth and {@code /v2} alike) answer a server
 * error in Square's envelope, or are answered only after a delay. Faults are used in the order
 * they were added, one per request.
 */
public final class SandboxFaults {

    /** One scripted fault: a status (0 for none) and a delay before answering. */
    record Fault(int status, Duration delay) {
    }

    private final Deque<Fault> next = new ArrayDeque<>();

    /**
     * The next {@code times} requests answer {@code status}: 500 {@code INTERNAL_SERVER_ERROR},
     * 502 {@code BAD_GATEWAY}, 503 {@code SERVICE_UNAVAILABLE} or 504 {@code GATEWAY_TIMEOUT}
     * (category {@code API_ERROR}).
     */
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

    static String code(int status) {
        return switch (status) {
            case 502 -> "BAD_GATEWAY";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 504 -> "GATEWAY_TIMEOUT";
            default -> "INTERNAL_SERVER_ERROR";
        };
    }
}
