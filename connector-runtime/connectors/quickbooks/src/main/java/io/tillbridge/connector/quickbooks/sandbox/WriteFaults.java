package io.tillbridge.connector.quickbooks.sandbox;

import io.tillbridge.connector.sandbox.ScriptedFaults;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Scripted trouble for tests. Besides {@link ScriptedFaults}' server errors and delays (taken by
 * every {@code /v3} request), what makes a write's outcome unknown to the caller, taken by the next
 * create or update only:
 * <ul>
 *   <li>{@link #commitThenCut}: the document is saved, then the connection is cut before the answer;</li>
 *   <li>{@link #commitThenStall}: the document is saved, the answer waits (past the caller's timeout);</li>
 *   <li>{@link #stallThenCut}: the request waits, then the connection is cut and nothing is saved
 *       (a gateway that timed out before the write reached the books);</li>
 *   <li>{@link #throttleNextWrite}: the write answers 429 (reads before it are served);</li>
 *   <li>{@link #concurrentEdit}: if the write is an update, another user saves the document just
 *       before it (its {@code SyncToken} counts up), so the update meets a genuine 5010.</li>
 * </ul>
 * And {@link #throttleNext}: the next requests answer 429 as if the realm's quota were spent; plus a
 * steady {@link #latency} for every request.
 */
public final class WriteFaults extends ScriptedFaults {

    /** What happens to one write. */
    enum Kind { COMMIT_THEN_CUT, COMMIT_THEN_STALL, STALL_THEN_CUT, THROTTLE, CONCURRENT_EDIT }

    record WriteFault(Kind kind, Duration delay) {
    }

    private final Deque<WriteFault> writes = new ArrayDeque<>();
    private int throttled;
    private volatile Duration latency = Duration.ZERO;

    public synchronized WriteFaults commitThenCut() {
        writes.add(new WriteFault(Kind.COMMIT_THEN_CUT, Duration.ZERO));
        return this;
    }

    public synchronized WriteFaults commitThenStall(Duration delay) {
        writes.add(new WriteFault(Kind.COMMIT_THEN_STALL, Objects.requireNonNull(delay)));
        return this;
    }

    public synchronized WriteFaults stallThenCut(Duration delay) {
        writes.add(new WriteFault(Kind.STALL_THEN_CUT, Objects.requireNonNull(delay)));
        return this;
    }

    public synchronized WriteFaults throttleNextWrite() {
        writes.add(new WriteFault(Kind.THROTTLE, Duration.ZERO));
        return this;
    }

    public synchronized WriteFaults concurrentEdit() {
        writes.add(new WriteFault(Kind.CONCURRENT_EDIT, Duration.ZERO));
        return this;
    }

    /** The next {@code times} {@code /v3} requests answer 429 ThrottleExceeded. */
    public synchronized WriteFaults throttleNext(int times) {
        throttled += times;
        return this;
    }

    /** Every request waits this long first; {@link Duration#ZERO} for none. */
    public WriteFaults latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a latency is not negative: " + delay);
        }
        latency = delay;
        return this;
    }

    Duration latency() {
        return latency;
    }

    /** How many scripted write faults have not happened yet. */
    public synchronized int pendingWrites() {
        return writes.size();
    }

    synchronized WriteFault takeWrite() {
        return writes.poll();
    }

    synchronized boolean takeThrottle() {
        if (throttled > 0) {
            throttled--;
            return true;
        }
        return false;
    }

    @Override
    public synchronized void clear() {
        super.clear();
        writes.clear();
        throttled = 0;
        latency = Duration.ZERO;
    }
}
