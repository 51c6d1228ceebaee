package io.tillbridge.vendorhooks;

import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.support.TenantStatusService;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queues the webhook runs that stored changes ask for, in the manner of a group commit: each caller
 * has committed its changes before it asks; one caller at a time per integration queues a coalesced
 * run, and the callers that committed before that call began rely on it instead of queueing their
 * own. A run queued, or found queued, after a caller's commit sees that caller's changes, so every
 * caller still returns only once such a run exists; a burst of deliveries costs about one queueing
 * transaction per round instead of one each.
 */
@Singleton
class RunRequests {

    private final RunCommands runs;
    private final TenantStatusService tenants;
    private final Map<UUID, Gate> gates = new ConcurrentHashMap<>();

    RunRequests(RunCommands runs, TenantStatusService tenants) {
        this.runs = runs;
        this.tenants = tenants;
    }

    /** The integration's callers: how many have committed, how many a finished queueing covers. */
    private static final class Gate {
        long committed;
        long covered;
        boolean queueing;
    }

    /** Returns once a webhook run of the integration that starts after the caller's commit is queued. */
    void request(TenantId tenant, UUID integration) throws InterruptedException {
        Gate gate = gates.computeIfAbsent(integration, id -> new Gate());
        long mine;
        long target;
        synchronized (gate) {
            mine = ++gate.committed;
            while (true) {
                if (gate.covered >= mine) {
                    return;
                }
                if (!gate.queueing) {
                    gate.queueing = true;
                    target = gate.committed;
                    break;
                }
                gate.wait();
            }
        }
        boolean done = false;
        try {
            if (tenants.isActive(tenant)) {
                runs.enqueueCoalesced(tenant, integration, RunTrigger.WEBHOOK);
            }
            done = true;
        } finally {
            synchronized (gate) {
                gate.queueing = false;
                if (done) {
                    gate.covered = Math.max(gate.covered, target);
                }
                gate.notifyAll();
            }
        }
    }
}
