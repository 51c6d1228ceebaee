package io.tillbridge.connector.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntFunction;

/**
 * Scripted trouble for tests of a sandbox: the next requests answer a server error, or are answered
 * only after a delay. Faults are used in the order they were added, one per request that reaches
 * the point where the sandbox {@linkplain #take() takes} one. What a fault looks like on the wire
 * (the vendor's error body) is the sandbox's business. Safe for concurrent use.
 */
public class ScriptedFaults {

    /** One scripted fault: a status (0 for none) and a delay before answering. */
    public record Fault(int status, Duration delay) {
    }

    private final Deque<Fault> next = new ArrayDeque<>();
    private final int highestStatus;

    /** Faults with statuses 500 to 504, the server errors every vendor documents. */
    public ScriptedFaults() {
        this(504);
    }

    /** @param highestStatus the highest server error status {@link #failNext} accepts (504 to 599) */
    protected ScriptedFaults(int highestStatus) {
        this.highestStatus = highestStatus;
    }

    /** The next {@code times} requests answer {@code status}, a server error (500 up to the sandbox's highest). */
    public synchronized ScriptedFaults failNext(int times, int status) {
        if (status < 500 || status > highestStatus) {
            throw new IllegalArgumentException(highestStatus == 504
                    ? "a server error status (500..504) is expected: " + status
                    : "a server error is a 5xx status: " + status);
        }
        for (int i = 0; i < times; i++) {
            next.add(new Fault(status, Duration.ZERO));
        }
        return this;
    }

    /** The next {@code times} requests are answered normally, after {@code delay}. */
    public synchronized ScriptedFaults slowNext(int times, Duration delay) {
        for (int i = 0; i < times; i++) {
            next.add(new Fault(0, delay));
        }
        return this;
    }

    /** Forgets every fault not yet used. */
    public synchronized void clear() {
        next.clear();
    }

    /** The next fault, or null when none is scripted. */
    public synchronized Fault take() {
        return next.poll();
    }

    /**
     * Takes the next fault and acts it out: waits its delay, then throws what {@code error} makes of
     * its status, if it has one. Does nothing when no fault is scripted.
     */
    public void apply(IntFunction<? extends RuntimeException> error) {
        Fault fault = take();
        if (fault == null) {
            return;
        }
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.status() != 0) {
            throw error.apply(fault.status());
        }
    }
}
