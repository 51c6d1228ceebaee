package io.tillbridge.connections;

import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.internal.ConnectionCheckRows;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.ActiveTenants;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection health: the platform checks every connection's credentials periodically
 * ({@link #checkDue()}, from {@link ConnectionCheckSchedule}) the way a member's "test connection"
 * does, records since when a connection fails, and publishes {@code connection.broken} when one that
 * worked fails. Shipped sandbox connections are not checked periodically: they run inside the
 * process that uses them.
 */
@Singleton
public class ConnectionChecks {

    /** How long before its OAuth access ends a connection is reported as expiring. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChecks.class);

    private final TenantTransactions transactions;
    private final ActiveTenants tenants;
    private final ConnectionService connections;
    private final Clock clock;
    private final Duration interval;
    private final int maxPerPass;

    public ConnectionChecks(TenantTransactions transactions, ActiveTenants tenants, ConnectionService connections,
            Clock clock,
            @Value("${tillbridge.connections.check-interval:1h}") Duration interval,
            @Value("${tillbridge.connections.checks-per-pass:500}") int maxPerPass) {
        if (interval.isNegative() || interval.isZero() || maxPerPass < 1) {
            throw new IllegalArgumentException("tillbridge.connections.check-interval must be positive and"
                    + " tillbridge.connections.checks-per-pass at least 1");
        }
        this.transactions = transactions;
        this.tenants = tenants;
        this.connections = connections;
        this.clock = clock;
        this.interval = interval;
        this.maxPerPass = maxPerPass;
    }

    /**
     * Checks the connections of active tenants whose last check is older than the interval (or that
     * were never checked), at most {@code checks-per-pass} in one pass, tenant by tenant. Answers how
     * many were checked.
     */
    public int checkDue() {
        int[] checked = {0};
        tenants.forEach(tenant -> {
            checked[0] += checkDue(tenant, maxPerPass - checked[0]);
            return checked[0] < maxPerPass;
        });
        if (checked[0] > 0) {
            LOG.info("Checked {} connection(s)", checked[0]);
        }
        return checked[0];
    }

    /** Checks at most {@code max} of the tenant's due connections; answers how many were checked. */
    public int checkDue(TenantId tenant, int max) {
        Instant before = clock.instant().minus(interval);
        List<UUID> due = transactions.read(tenant, c -> ConnectionCheckRows.due(c, before, max));
        for (UUID connection : due) {
            try {
                connections.checkForHealth(tenant, connection);
            } catch (ProblemException e) {
                // Deleted meanwhile, or its connector is gone: nothing to check.
                LOG.debug("Connection {} not checked: {}", connection, e.getMessage());
            }
        }
        return due.size();
    }

    /** The health of every connection of the tenant, by name. */
    public List<ConnectionHealth> all(TenantScope scope) {
        scope.require(Permission.READ);
        Instant now = clock.instant();
        return transactions.read(scope.tenant(), ConnectionCheckRows::all).stream().map(r -> health(r, now)).toList();
    }

    /** One connection's health; 404 when the tenant has no such connection. */
    public ConnectionHealth of(TenantScope scope, UUID connectionId) {
        scope.require(Permission.READ);
        Instant now = clock.instant();
        return transactions.read(scope.tenant(), c -> ConnectionCheckRows.one(c, connectionId))
                .map(r -> health(r, now))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such connection."));
    }

    static ConnectionHealth health(ConnectionCheckRows.Row r, Instant now) {
        List<String> reasons = new ArrayList<>();
        String status;
        if (r.ok() == null) {
            status = r.sandbox() ? "sandbox" : "unchecked";
        } else if (r.ok()) {
            status = "ok";
        } else {
            status = "failing";
            reasons.add("The check fails since " + r.failingSince() + " (" + r.category() + "): " + r.message());
        }
        boolean soon = r.accessExpiresAt() != null && r.accessExpiresAt().isBefore(now.plus(EXPIRY_WARNING));
        if (soon) {
            reasons.add(r.accessExpiresAt().isAfter(now)
                    ? "Its access ends at " + r.accessExpiresAt() + " and cannot be renewed: connect it again before then."
                    : "Its access ended at " + r.accessExpiresAt() + ": connect it again.");
        }
        return new ConnectionHealth(r.id(), r.name(), r.connectorId(), status, List.copyOf(reasons), r.checkedAt(),
                r.category(), r.message(), r.failingSince(), r.accessExpiresAt(), soon);
    }
}
