package io.tillbridge.outbound.internal;

import io.tillbridge.outbound.WebhookDelivery;
import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code webhook_deliveries}, their attempts, and their rows in the platform's
 * {@code webhook_queue}. Callers own the tenant transaction.
 */
public final class DeliveryRows {

    private static final String COLUMNS = "id, subscription_id, event_id, event_type, status, attempts,"
            + " next_attempt_at, last_error, created_at, finished_at";

    private DeliveryRows() {
    }

    /** What the sender posts: the stored event and where the delivery stands. */
    public record Outgoing(UUID id, UUID subscriptionId, UUID eventId, String eventType, Instant occurredAt,
            String payload, String status, int attempts, int roundAttempts) {
    }

    /** An event of the tenant's log, as the dispatcher reads it. */
    public record Event(long seq, UUID id) {
    }

    /** The events after {@code afterSeq}, in seq order. */
    public static List<Event> events(Connection c, long afterSeq, int limit) throws SQLException {
        return Sql.list(c, "SELECT seq, id FROM platform_events WHERE seq > ? ORDER BY seq LIMIT ?",
                rs -> new Event(rs.getLong(1), Sql.uuid(rs, 2)), afterSeq, limit);
    }

    /** Events up to {@code upToSeq} that occurred since {@code from} and have no delivery yet (the rescan). */
    public static List<Event> recentUndelivered(Connection c, long upToSeq, Instant from, int limit) throws SQLException {
        return Sql.list(c, "SELECT e.seq, e.id FROM platform_events e WHERE e.seq <= ? AND e.occurred_at >= ?"
                + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id) ORDER BY e.seq LIMIT ?",
                rs -> new Event(rs.getLong(1), Sql.uuid(rs, 2)), upToSeq, from, limit);
    }

    public static Optional<Long> cursor(Connection c) throws SQLException {
        return Sql.first(c, "SELECT last_seq FROM webhook_dispatch_cursors FOR UPDATE", rs -> rs.getLong(1));
    }

    public static void moveCursor(Connection c, UUID tenant, long seq) throws SQLException {
        Sql.update(c, "INSERT INTO webhook_dispatch_cursors (tenant_id, last_seq) VALUES (?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET last_seq = greatest(webhook_dispatch_cursors.last_seq,"
                + " EXCLUDED.last_seq)", tenant, seq);
    }

    /**
     * One delivery per enabled subscription of the event's type that existed before the event, unless
     * it has one already; each new one is queued, due at {@code now}. Answers how many were created.
     */
    public static int dispatch(Connection c, UUID tenant, UUID eventId, Instant now) throws SQLException {
        return Sql.update(c, "WITH created AS (INSERT INTO webhook_deliveries (tenant_id, id, subscription_id, event_id,"
                + " event_type, occurred_at, payload, status, next_attempt_at, created_at)"
                + " SELECT e.tenant_id, gen_random_uuid(), s.id, e.id, e.type, e.occurred_at, e.data, 'pending', ?, ?"
                + " FROM platform_events e JOIN webhook_subscriptions s ON s.enabled AND e.type = ANY (s.event_types)"
                + " AND e.seq > s.from_seq WHERE e.id = ?"
                + " ON CONFLICT (tenant_id, event_id, subscription_id) DO NOTHING RETURNING id, subscription_id)"
                + " INSERT INTO webhook_queue (delivery_id, tenant_id, subscription_id, due_at)"
                + " SELECT id, ?, subscription_id, ? FROM created", now, now, eventId, tenant, now);
    }

    /** A delivery of an event that is not in the log (a test event), queued at once. */
    public static UUID insertTest(Connection c, UUID tenant, UUID subscription, UUID eventId, String type,
            String payload, Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        Sql.update(c, "INSERT INTO webhook_deliveries (tenant_id, id, subscription_id, event_id, event_type,"
                + " occurred_at, payload, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb,"
                + " 'pending', ?, ?)", tenant, id, subscription, eventId, type, now, payload, now, now);
        queue(c, tenant, id, subscription, now);
        return id;
    }

    public static Optional<Outgoing> outgoing(Connection c, UUID id, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT id, subscription_id, event_id, event_type, occurred_at, payload::text, status,"
                + " attempts, round_attempts FROM webhook_deliveries WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                rs -> new Outgoing(Sql.uuid(rs, 1), Sql.uuid(rs, 2), Sql.uuid(rs, 3), rs.getString(4),
                        Sql.instant(rs, 5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9)), id);
    }

    public static void attempt(Connection c, UUID tenant, UUID delivery, int attempt, Instant at, Integer statusCode,
            String error, long durationMs, String excerpt) throws SQLException {
        Sql.update(c, "INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, attempted_at,"
                + " status_code, error, duration_ms, response_excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, delivery, attempt, at, statusCode, error, durationMs, excerpt);
    }

    public static void delivered(Connection c, UUID delivery, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1,"
                + " round_attempts = round_attempts + 1, next_attempt_at = NULL, last_error = NULL, finished_at = ?"
                + " WHERE id = ?", now, delivery);
        unqueue(c, delivery);
    }

    public static void retryAt(Connection c, UUID delivery, String error, Instant next) throws SQLException {
        Sql.update(c, "UPDATE webhook_deliveries SET attempts = attempts + 1, round_attempts = round_attempts + 1,"
                + " next_attempt_at = ?, last_error = ? WHERE id = ?", next, error, delivery);
        Sql.update(c, "UPDATE webhook_queue SET due_at = ?, lease_owner = NULL, lease_until = NULL"
                + " WHERE delivery_id = ?", next, delivery);
    }

    public static void failed(Connection c, UUID delivery, String error, Instant now, boolean attempted)
            throws SQLException {
        Sql.update(c, "UPDATE webhook_deliveries SET status = 'failed', attempts = attempts + ?,"
                + " round_attempts = round_attempts + ?, next_attempt_at = NULL, last_error = ?, finished_at = ?"
                + " WHERE id = ?", attempted ? 1 : 0, attempted ? 1 : 0, error, now, delivery);
        unqueue(c, delivery);
    }

    /** Fails every pending delivery of a subscription (it was disabled). */
    public static void failPending(Connection c, UUID subscription, String error, Instant now) throws SQLException {
        Sql.update(c, "DELETE FROM webhook_queue WHERE subscription_id = ?", subscription);
        Sql.update(c, "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = ?,"
                + " finished_at = ? WHERE subscription_id = ? AND status = 'pending'", error, now, subscription);
    }

    /** Re-queues a finished delivery with the same event id and a fresh retry schedule; false if it is pending. */
    public static boolean replay(Connection c, UUID tenant, UUID delivery, UUID subscription, Instant now)
            throws SQLException {
        int changed = Sql.update(c, "UPDATE webhook_deliveries SET status = 'pending', round_attempts = 0,"
                + " next_attempt_at = ?, finished_at = NULL WHERE id = ? AND status <> 'pending'", now, delivery);
        if (changed == 1) {
            queue(c, tenant, delivery, subscription, now);
        }
        return changed == 1;
    }

    /** Re-queues every failed delivery of a subscription (at most {@code limit}); answers how many. */
    public static int replayFailed(Connection c, UUID tenant, UUID subscription, Instant now, int limit)
            throws SQLException {
        return Sql.update(c, "WITH replayed AS (UPDATE webhook_deliveries SET status = 'pending', round_attempts = 0,"
                + " next_attempt_at = ?, finished_at = NULL WHERE id IN (SELECT id FROM webhook_deliveries"
                + " WHERE subscription_id = ? AND status = 'failed' ORDER BY created_at LIMIT ?) RETURNING id)"
                + " INSERT INTO webhook_queue (delivery_id, tenant_id, subscription_id, due_at)"
                + " SELECT id, ?, ?, ? FROM replayed ON CONFLICT (delivery_id) DO NOTHING",
                now, subscription, limit, tenant, subscription, now);
    }

    public static Optional<WebhookDelivery> find(Connection c, UUID subscription, UUID id) throws SQLException {
        Optional<WebhookDelivery> found = Sql.first(c, "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ?"
                + " AND subscription_id = ?", rs -> read(rs, List.of()), id, subscription);
        if (found.isEmpty()) {
            return found;
        }
        WebhookDelivery d = found.get();
        return Optional.of(new WebhookDelivery(d.id(), d.subscriptionId(), d.eventId(), d.eventType(), d.status(),
                d.attempts(), d.nextAttemptAt(), d.lastError(), d.createdAt(), d.finishedAt(), attempts(c, id, 50)));
    }

    /** Newest first, with each delivery's latest attempts; {@code before} is a (createdAt, id) cursor. */
    public static List<WebhookDelivery> list(Connection c, UUID subscription, String status, Instant beforeAt,
            UUID beforeId, int limit) throws SQLException {
        List<WebhookDelivery> rows = Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE subscription_id = ?"
                + " AND (?::text IS NULL OR status = ?) AND (?::timestamptz IS NULL OR (created_at, id) < (?, ?))"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", rs -> read(rs, List.of()), subscription, status, status,
                beforeAt, beforeAt, beforeId, limit);
        List<WebhookDelivery> out = new java.util.ArrayList<>(rows.size());
        for (WebhookDelivery d : rows) {
            out.add(new WebhookDelivery(d.id(), d.subscriptionId(), d.eventId(), d.eventType(), d.status(),
                    d.attempts(), d.nextAttemptAt(), d.lastError(), d.createdAt(), d.finishedAt(), attempts(c, d.id(), 5)));
        }
        return out;
    }

    private static List<WebhookDelivery.Attempt> attempts(Connection c, UUID delivery, int limit) throws SQLException {
        return Sql.list(c, "SELECT attempt, attempted_at, status_code, error, duration_ms, response_excerpt"
                + " FROM webhook_delivery_attempts WHERE delivery_id = ? ORDER BY attempt DESC LIMIT ?",
                rs -> new WebhookDelivery.Attempt(rs.getInt(1), Sql.instant(rs, 2), Sql.nullableInt(rs, "status_code"),
                        rs.getString(4), rs.getLong(5), rs.getString(6)), delivery, limit);
    }

    private static void queue(Connection c, UUID tenant, UUID delivery, UUID subscription, Instant due)
            throws SQLException {
        Sql.update(c, "INSERT INTO webhook_queue (delivery_id, tenant_id, subscription_id, due_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (delivery_id) DO UPDATE SET due_at = EXCLUDED.due_at, lease_owner = NULL,"
                + " lease_until = NULL", delivery, tenant, subscription, due);
    }

    private static void unqueue(Connection c, UUID delivery) throws SQLException {
        Sql.update(c, "DELETE FROM webhook_queue WHERE delivery_id = ?", delivery);
    }

    private static WebhookDelivery read(ResultSet rs, List<WebhookDelivery.Attempt> attempts) throws SQLException {
        return new WebhookDelivery(Sql.uuid(rs, "id"), Sql.uuid(rs, "subscription_id"), Sql.uuid(rs, "event_id"),
                rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), rs.getString("last_error"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "finished_at"), attempts);
    }
}
