package io.tillbridge.outbound.internal;

import io.tillbridge.outbound.SubscriptionDraft;
import io.tillbridge.outbound.WebhookSubscription;
import io.tillbridge.platform.internal.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code webhook_subscriptions}. Callers own the tenant transaction. */
public final class SubscriptionRows {

    private static final String COLUMNS = "id, url, event_types, description, enabled, disabled_reason,"
            + " consecutive_failures, version, created_at, updated_at";

    private SubscriptionRows() {
    }

    /** What the sender needs of a subscription besides its public fields. */
    public record Streak(int consecutiveFailures, Instant failingSince) {
    }

    public static WebhookSubscription insert(Connection c, UUID tenant, UUID id, SubscriptionDraft draft, Instant now)
            throws SQLException {
        return Sql.first(c, "INSERT INTO webhook_subscriptions (tenant_id, id, url, event_types, description, enabled,"
                + " from_seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
                + " (SELECT coalesce(max(seq), 0) FROM platform_events), ?, ?) RETURNING " + COLUMNS,
                SubscriptionRows::read, tenant, id, draft.url(), types(c, draft.eventTypes()), draft.description(),
                draft.enabled(), now, now).orElseThrow();
    }

    public static List<WebhookSubscription> list(Connection c, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions ORDER BY created_at, id LIMIT ?",
                SubscriptionRows::read, limit);
    }

    public static Optional<WebhookSubscription> find(Connection c, UUID id, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                SubscriptionRows::read, id);
    }

    public static int count(Connection c) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM webhook_subscriptions", rs -> rs.getInt(1)).orElse(0);
    }

    /** Saves the draft; enabling a disabled subscription clears its failure streak and reason. */
    public static WebhookSubscription update(Connection c, UUID id, SubscriptionDraft draft, Instant now)
            throws SQLException {
        return Sql.first(c, "UPDATE webhook_subscriptions SET url = ?, event_types = ?, description = ?, enabled = ?,"
                + " disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END,"
                + " consecutive_failures = CASE WHEN ? AND NOT enabled THEN 0 ELSE consecutive_failures END,"
                + " failing_since = CASE WHEN ? AND NOT enabled THEN NULL ELSE failing_since END,"
                + " version = version + 1, updated_at = ? WHERE id = ? RETURNING " + COLUMNS, SubscriptionRows::read,
                draft.url(), types(c, draft.eventTypes()), draft.description(), draft.enabled(), draft.enabled(),
                draft.enabled(), draft.enabled(), now, id).orElseThrow();
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Sql.update(c, "DELETE FROM webhook_subscriptions WHERE id = ?", id);
    }

    public static void touch(Connection c, UUID id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscriptions SET version = version + 1, updated_at = ? WHERE id = ?", now, id);
    }

    /** A delivered attempt ends the streak. */
    public static void succeeded(Connection c, UUID id) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscriptions SET consecutive_failures = 0, failing_since = NULL WHERE id = ?"
                + " AND (consecutive_failures <> 0 OR failing_since IS NOT NULL)", id);
    }

    /** A failed attempt lengthens the streak; answers it. */
    public static Streak failed(Connection c, UUID id, Instant now) throws SQLException {
        return Sql.first(c, "UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1,"
                + " failing_since = coalesce(failing_since, ?) WHERE id = ? RETURNING consecutive_failures, failing_since",
                rs -> new Streak(rs.getInt(1), Sql.instant(rs, 2)), now, id).orElse(new Streak(0, null));
    }

    /** Disables an enabled subscription with {@code reason}; false when it was not enabled. */
    public static boolean disable(Connection c, UUID id, String reason, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE webhook_subscriptions SET enabled = false, disabled_reason = ?,"
                + " version = version + 1, updated_at = ? WHERE id = ? AND enabled", reason, now, id) == 1;
    }

    /** The owners' and admins' addresses of the tenant, for notices. */
    public static List<String> adminAddresses(Connection c, UUID tenant) throws SQLException {
        return Sql.list(c, "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ?"
                + " AND m.role IN ('owner', 'admin') ORDER BY lower(u.email) LIMIT 50", rs -> rs.getString(1), tenant);
    }

    /** Marks the tenant as one the dispatcher visits, with its cursor at the newest event. */
    public static void subscribed(Connection c, UUID tenant) throws SQLException {
        Sql.update(c, "INSERT INTO webhook_subscribers (tenant_id) VALUES (?) ON CONFLICT DO NOTHING", tenant);
        Sql.update(c, "INSERT INTO webhook_dispatch_cursors (tenant_id, last_seq)"
                + " VALUES (?, (SELECT coalesce(max(seq), 0) FROM platform_events)) ON CONFLICT DO NOTHING", tenant);
    }

    private static Array types(Connection c, List<String> types) throws SQLException {
        return c.createArrayOf("text", types.toArray());
    }

    private static WebhookSubscription read(ResultSet rs) throws SQLException {
        String[] types = (String[]) rs.getArray("event_types").getArray();
        return new WebhookSubscription(Sql.uuid(rs, "id"), rs.getString("url"), Arrays.asList(types),
                rs.getString("description"), rs.getBoolean("enabled"), rs.getString("disabled_reason"),
                rs.getInt("consecutive_failures"), rs.getInt("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
