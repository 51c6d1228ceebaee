package io.tillbridge.connector.shopify.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Switches that make the sandbox fail the way Shopify can: a locked shop (423 on every API request
 * until unlocked) and server errors for the next few requests (500, 502, 503 or 504).
 */
public final class SandboxFaults {

    private final Set<String> locked = ConcurrentHashMap.newKeySet();
    private final Deque<Integer> failures = new ArrayDeque<>();

    /** Every API request to this shop answers 423 (Shopify's status for a locked shop). */
    public void lock(String shopHandle) {
        locked.add(shopHandle);
    }

    public void unlock(String shopHandle) {
        locked.remove(shopHandle);
    }

    /** The next {@code count} API requests (any shop) answer {@code status} (a 5xx). */
    public synchronized void failNext(int count, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is a 5xx status: " + status);
        }
        for (int i = 0; i < count; i++) {
            failures.add(status);
        }
    }

    /** Clears every switch. */
    public synchronized void reset() {
        locked.clear();
        failures.clear();
    }

    boolean isLocked(String shopHandle) {
        return locked.contains(shopHandle);
    }

    /** The status of the next planned failure, or 0 when none is planned. */
    synchronized int nextFailure() {
        Integer status = failures.poll();
        return status == null ? 0 : status;
    }
}
