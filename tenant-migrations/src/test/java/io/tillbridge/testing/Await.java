package io.tillbridge.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for something a test cannot be told about directly (a run that finishes in another thread,
 * a mail that arrives, a process that starts) by looking again every {@link #POLL} until a
 * deadline. A wait that runs out fails with what was awaited and the value last seen, never
 * silently; a test that needs a time to pass makes that time short (a short lease, say) and awaits
 * its effect instead of sleeping.
 */
public final class Await {

    /** How long to wait between two looks. */
    public static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /** Something to look at; it may throw (a query, a request), which fails the wait at once. */
    @FunctionalInterface
    public interface Observation<T> {
        T look() throws Exception;
    }

    /** A condition to look at. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits until {@code condition} holds, for at most {@code timeout}. */
    public static void until(Duration timeout, String description, Condition condition) {
        until(timeout, description, condition::holds, Boolean::booleanValue);
    }

    /**
     * Looks at {@code observation} until {@code done} accepts what it sees, for at most
     * {@code timeout}; answers the accepted value.
     */
    public static <T> T until(Duration timeout, String description, Observation<T> observation, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T seen = look(description, observation);
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout + " for " + description + "; last seen: " + seen);
            }
            pause(POLL);
        }
    }

    /**
     * Checks that {@code condition} holds, again and again, for the whole of {@code window}: for
     * something that must not happen (a second fire, a double write), where there is no event to
     * wait for. Fails as soon as it does not hold.
     */
    public static void holdsFor(Duration window, String description, Condition condition) {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (!look(description, condition::holds)) {
                throw new AssertionError("did not hold for " + window + ": " + description);
            }
            pause(POLL);
        } while (System.nanoTime() - end < 0);
        if (!look(description, condition::holds)) {
            throw new AssertionError("did not hold for " + window + ": " + description);
        }
    }

    private static <T> T look(String description, Observation<T> observation) {
        try {
            return observation.look();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + description, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not look while waiting for " + description, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
