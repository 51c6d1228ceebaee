package io.tillbridge.outbound.internal;

import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The platform table {@code webhook_queue}: deliveries due, claimed by senders across tenants with
 * {@code FOR UPDATE SKIP LOCKED}, at most one in flight per subscription. It holds ids and times
 * only; the delivery itself is read in its tenant's transaction.
 */
public final class DeliveryQueue {

    private DeliveryQueue() {
    }

    /** A claimed delivery. */
    public record Claimed(UUID deliveryId, UUID tenant, UUID subscriptionId) {
    }

    /**
     * Claims up to {@code max} due deliveries for {@code owner} until {@code leaseUntil}. Tenants take
     * turns (each tenant's oldest due delivery before any tenant's second), a tenant has at most
     * {@code perTenant} deliveries in flight, and a subscription never more than one. Each choice is
     * locked with {@code FOR UPDATE SKIP LOCKED} and checked again under a per-subscription advisory
     * lock, because two claimers may both see a subscription free. The per-tenant cap is kept per
     * claimer: two claimers at once may each fill it.
     */
    public static List<Claimed> claim(Connection c, String owner, Instant now, Instant leaseUntil, int max,
            int perTenant) throws SQLException {
        List<Claimed> candidates = Sql.list(c, "SELECT delivery_id, tenant_id, subscription_id FROM ("
                + " SELECT q.delivery_id, q.tenant_id, q.subscription_id, q.due_at,"
                + " row_number() OVER (PARTITION BY q.tenant_id ORDER BY q.due_at, q.delivery_id) AS turn"
                + " FROM webhook_queue q WHERE q.due_at <= ? AND (q.lease_until IS NULL OR q.lease_until < ?)"
                + " AND NOT EXISTS (SELECT 1 FROM webhook_queue o WHERE o.subscription_id = q.subscription_id"
                + " AND o.lease_until >= ?)) due ORDER BY turn, due_at LIMIT ?",
                rs -> new Claimed(Sql.uuid(rs, 1), Sql.uuid(rs, 2), Sql.uuid(rs, 3)), now, now, now, max * 4);
        Map<UUID, Integer> inFlight = new HashMap<>();
        for (Object[] row : Sql.list(c, "SELECT tenant_id, count(*) FROM webhook_queue WHERE lease_until >= ?"
                + " GROUP BY tenant_id", rs -> new Object[] {Sql.uuid(rs, 1), rs.getInt(2)}, now)) {
            inFlight.put((UUID) row[0], (Integer) row[1]);
        }
        Set<UUID> subscriptions = new HashSet<>();
        List<Claimed> claimed = new ArrayList<>();
        for (Claimed candidate : candidates) {
            if (claimed.size() == max) {
                break;
            }
            if (inFlight.getOrDefault(candidate.tenant(), 0) >= perTenant
                    || subscriptions.contains(candidate.subscriptionId())) {
                continue;
            }
            boolean locked = Sql.first(c, "SELECT delivery_id FROM webhook_queue WHERE delivery_id = ?"
                    + " AND (lease_until IS NULL OR lease_until < ?) FOR UPDATE SKIP LOCKED", rs -> true,
                    candidate.deliveryId(), now).orElse(false)
                    && Sql.first(c, "SELECT pg_try_advisory_xact_lock(hashtextextended(?, 33))",
                            rs -> rs.getBoolean(1), "webhook-subscription:" + candidate.subscriptionId()).orElse(false);
            if (!locked) {
                continue;
            }
            boolean busy = Sql.first(c, "SELECT EXISTS (SELECT 1 FROM webhook_queue WHERE subscription_id = ?"
                    + " AND lease_until >= ? AND delivery_id <> ?)", rs -> rs.getBoolean(1),
                    candidate.subscriptionId(), now, candidate.deliveryId()).orElse(true);
            if (busy) {
                continue;
            }
            Sql.update(c, "UPDATE webhook_queue SET lease_owner = ?, lease_until = ? WHERE delivery_id = ?", owner,
                    leaseUntil, candidate.deliveryId());
            subscriptions.add(candidate.subscriptionId());
            inFlight.merge(candidate.tenant(), 1, Integer::sum);
            claimed.add(candidate);
        }
        return claimed;
    }

    /** Lets a claimed delivery go without an attempt (e.g. its tenant transaction failed). */
    public static void release(Connection c, UUID delivery, String owner) throws SQLException {
        Sql.update(c, "UPDATE webhook_queue SET lease_owner = NULL, lease_until = NULL WHERE delivery_id = ?"
                + " AND lease_owner = ?", delivery, owner);
    }

    /** A queue row whose delivery is gone or no longer pending. */
    public static void drop(Connection c, UUID delivery) throws SQLException {
        Sql.update(c, "DELETE FROM webhook_queue WHERE delivery_id = ?", delivery);
    }

    /** The tenants with subscriptions, after {@code after}, for the dispatcher. */
    public static List<UUID> subscribers(Connection c, UUID after, int limit) throws SQLException {
        return Sql.list(c, "SELECT tenant_id FROM webhook_subscribers WHERE tenant_id > ? ORDER BY tenant_id LIMIT ?",
                rs -> Sql.uuid(rs, 1), after == null ? new UUID(0L, 0L) : after, limit);
    }

    /** Active tenants after {@code after}, for the business-day pass. */
    public static List<UUID> activeTenants(Connection c, UUID after, int limit) throws SQLException {
        return Sql.list(c, "SELECT id FROM tenants WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?",
                rs -> Sql.uuid(rs, 1), after == null ? new UUID(0L, 0L) : after, limit);
    }
}
