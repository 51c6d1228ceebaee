package io.tillbridge.connector.shopify.sandbox;

import io.tillbridge.connector.sandbox.ScriptedFaults;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Switches that make the sandbox fail the way Shopify can: a locked shop (423 on every API request
 * until unlocked), and the scripted server errors (any 5xx) and delays of the next requests.
 */
public final class SandboxFaults extends ScriptedFaults {

    private final Set<String> locked = ConcurrentHashMap.newKeySet();

    SandboxFaults() {
        super(599);
    }

    /** Every API request to this shop answers 423 (Shopify's status for a locked shop). */
    public void lock(String shopHandle) {
        locked.add(shopHandle);
    }

    public void unlock(String shopHandle) {
        locked.remove(shopHandle);
    }

    /** Clears every switch. */
    public synchronized void reset() {
        locked.clear();
        clear();
    }

    boolean isLocked(String shopHandle) {
        return locked.contains(shopHandle);
    }
}
