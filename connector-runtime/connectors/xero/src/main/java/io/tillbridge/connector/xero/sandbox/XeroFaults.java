package io.tillbridge.connector.xero.sandbox;

import io.tillbridge.connector.sandbox.ScriptedFaults;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Scripted trouble for tests: server errors and delays ({@link ScriptedFaults}), a steady latency,
 * and two faults of a write whose outcome the client cannot know: the sandbox commits the write and
 * then cuts the connection without answering ({@link #commitThenCut}), or holds the request past the
 * client's timeout and drops it without committing ({@link #dropAfter}).
 */
public final class XeroFaults extends ScriptedFaults {

    /** What happens to the next write. */
    enum WriteFault { COMMIT_THEN_CUT, DROP, COMMIT_THEN_FAIL }

    record Scripted(WriteFault fault, Duration delay, int status) {
    }

    private final Deque<Scripted> writes = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;

    /** The next {@code times} writes (PUT or POST) are committed, then the connection is cut unanswered. */
    public synchronized XeroFaults commitThenCut(int times) {
        for (int i = 0; i < times; i++) {
            writes.add(new Scripted(WriteFault.COMMIT_THEN_CUT, Duration.ZERO, 0));
        }
        return this;
    }

    /** The next {@code times} writes wait {@code delay}, then are dropped uncommitted and the connection cut. */
    public synchronized XeroFaults dropAfter(int times, Duration delay) {
        for (int i = 0; i < times; i++) {
            writes.add(new Scripted(WriteFault.DROP, Objects.requireNonNull(delay, "delay"), 0));
        }
        return this;
    }

    /** The next {@code times} writes are committed, then answered with this server error (500 to 504). */
    public synchronized XeroFaults commitThenFail(int times, int status) {
        if (status < 500 || status > 504) {
            throw new IllegalArgumentException("a server error status (500..504) is expected: " + status);
        }
        for (int i = 0; i < times; i++) {
            writes.add(new Scripted(WriteFault.COMMIT_THEN_FAIL, Duration.ZERO, status));
        }
        return this;
    }

    /** Every request waits {@code delay} before it is answered; zero for none. */
    public XeroFaults latency(Duration delay) {
        latency = Objects.requireNonNull(delay, "delay");
        return this;
    }

    Duration latency() {
        return latency;
    }

    /** How many scripted write faults have not happened yet. */
    public synchronized int pendingWrites() {
        return writes.size();
    }

    /** The next write fault and how long to hold the request first; null when none is scripted. */
    synchronized Scripted nextWrite() {
        return writes.poll();
    }
}
