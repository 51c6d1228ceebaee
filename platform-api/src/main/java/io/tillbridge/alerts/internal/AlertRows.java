package io.tillbridge.alerts.internal;

import io.tillbridge.alerts.Alert;
import io.tillbridge.alerts.AlertRule;
import io.tillbridge.alerts.RuleKind;
import io.tillbridge.platform.internal.Sql;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code alert_rules} and {@code alerts}, and the figures the rules read from runs, record
 * errors, connection checks, source activity and locations. Every statement runs in the tenant's
 * transaction (row-level security applies).
 */
public final class AlertRows {

    private AlertRows() {
    }

    /** An integration's figures as of an instant. */
    public record Figures(String name, boolean paused, int consecutiveFailures, UUID lastFailedRun, long read24h,
            long failed24h, Double p95Seconds, long queuedRuns, long openErrorsNow, long openErrorsBefore) {
    }

    /** A connection of an integration whose last check failed. */
    public record FailingConnection(UUID id, String name, Instant failingSince, String message) {
    }

    /** The tenant's locations' time zones: by vendor location id, and the only one's if there is one. */
    public record Zones(Map<String, String> byVendorLocation, Optional<String> only) {
    }

    private static final String RULE_COLUMNS = "id, integration_id, kind, enabled, threshold, growth, growth_hours,"
            + " factor, learn_weeks, renotify_minutes, channel_ids, version";

    private static final String ALERT_COLUMNS = "id, rule_id, integration_id, kind, subject, status, title, message,"
            + " api_path, portal_path, opened_at, last_notified_at, notifications, acknowledged_at, acknowledged_by,"
            + " snoozed_until, resolved_at";

    /** Creates the default rules of every integration of the tenant that lacks some; answers how many. */
    public static int ensureDefaults(Connection c, UUID tenant) throws SQLException {
        StringBuilder values = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (RuleKind kind : RuleKind.values()) {
            values.append(values.isEmpty() ? "" : ", ").append("(?::text, ?::integer, ?::integer, ?::integer, ?::numeric, ?::integer)");
            boolean backlog = kind == RuleKind.BACKLOG;
            boolean silence = kind == RuleKind.DATA_STOPPED;
            parameters.add(kind.wire());
            parameters.add(kind.defaultThreshold());
            parameters.add(backlog ? RuleKind.DEFAULT_GROWTH : null);
            parameters.add(backlog ? RuleKind.DEFAULT_GROWTH_HOURS : null);
            parameters.add(silence ? BigDecimal.valueOf(RuleKind.DEFAULT_FACTOR) : null);
            parameters.add(silence ? RuleKind.DEFAULT_LEARN_WEEKS : null);
        }
        parameters.add(tenant);
        return Sql.update(c, "INSERT INTO alert_rules (tenant_id, id, integration_id, kind, threshold, growth, growth_hours,"
                + " factor, learn_weeks) SELECT i.tenant_id, gen_random_uuid(), i.id, d.kind, d.threshold, d.growth,"
                + " d.growth_hours, d.factor, d.learn_weeks FROM integrations i CROSS JOIN (VALUES " + values
                + ") AS d (kind, threshold, growth, growth_hours, factor, learn_weeks) WHERE i.tenant_id = ?"
                + " ON CONFLICT (tenant_id, integration_id, kind) DO NOTHING", parameters.toArray());
    }

    /** The integrations of the tenant, oldest first. */
    public static List<UUID> integrations(Connection c) throws SQLException {
        return Sql.list(c, "SELECT id FROM integrations ORDER BY created_at, id", rs -> Sql.uuid(rs, "id"));
    }

    /** The rules, of one integration or (null) of all, in integration and kind order. */
    public static List<AlertRule> rules(Connection c, UUID integrationId) throws SQLException {
        return Sql.list(c, "SELECT r." + RULE_COLUMNS.replace(", ", ", r.") + " FROM alert_rules r JOIN integrations i"
                + " ON i.tenant_id = r.tenant_id AND i.id = r.integration_id"
                + (integrationId == null ? "" : " WHERE r.integration_id = ?")
                + " ORDER BY i.created_at, i.id, array_position(?::text[], r.kind)", AlertRows::rule,
                integrationId == null ? new Object[] {kindOrder(c)} : new Object[] {integrationId, kindOrder(c)});
    }

    private static Array kindOrder(Connection c) throws SQLException {
        return c.createArrayOf("text", Arrays.stream(RuleKind.values()).map(RuleKind::wire).toArray());
    }

    public static Optional<AlertRule> rule(Connection c, UUID id, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT " + RULE_COLUMNS + " FROM alert_rules WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                AlertRows::rule, id);
    }

    public static AlertRule updateRule(Connection c, AlertRule r) throws SQLException {
        Object channels = r.channelIds() == null ? null : c.createArrayOf("uuid", r.channelIds().toArray());
        return Sql.first(c, "UPDATE alert_rules SET enabled = ?, threshold = ?, growth = ?, growth_hours = ?, factor = ?,"
                + " learn_weeks = ?, renotify_minutes = ?, channel_ids = ?, version = version + 1,"
                + " updated_at = clock_timestamp() WHERE id = ? RETURNING " + RULE_COLUMNS, AlertRows::rule,
                r.enabled(), r.threshold(), r.growth(), r.growthHours(), r.factor(), r.learnWeeks(), r.renotifyMinutes(),
                channels, r.id()).orElseThrow();
    }

    /** Locks the integration's rules, so that two evaluations of it take turns. */
    public static void lockRules(Connection c, UUID integrationId) throws SQLException {
        Sql.list(c, "SELECT id FROM alert_rules WHERE integration_id = ? ORDER BY id FOR UPDATE", rs -> 1, integrationId);
    }

    private static AlertRule rule(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        Array channels = rs.getArray("channel_ids");
        List<UUID> channelIds = channels == null ? null : Arrays.stream((Object[]) channels.getArray())
                .map(o -> (UUID) o).toList();
        return new AlertRule(Sql.uuid(rs, "id"), Sql.uuid(rs, "integration_id"), kind,
                RuleKind.of(kind).map(RuleKind::title).orElse(kind), rs.getBoolean("enabled"), rs.getInt("threshold"),
                Sql.nullableInt(rs, "growth"), Sql.nullableInt(rs, "growth_hours"), rs.getBigDecimal("factor"),
                Sql.nullableInt(rs, "learn_weeks"), rs.getInt("renotify_minutes"), channelIds, rs.getInt("version"));
    }

    /** The integration's figures as of {@code now}; open errors also as of {@code growthHours} before. */
    public static Optional<Figures> figures(Connection c, UUID integrationId, Instant now, int growthHours)
            throws SQLException {
        Object at = Sql.timestamp(now);
        Object before = Sql.timestamp(now.minusSeconds(3600L * growthHours));
        return Sql.first(c, "SELECT i.name, i.status = 'paused' AS paused,"
                + " (SELECT count(*) FROM runs r WHERE r.integration_id = i.id AND r.status = 'failed'"
                + "   AND r.finished_at <= ? AND r.finished_at > coalesce((SELECT max(s.finished_at) FROM runs s"
                + "   WHERE s.integration_id = i.id AND s.status = 'succeeded' AND s.finished_at <= ?), '-infinity'))"
                + "   AS consecutive_failures,"
                + " (SELECT r.id FROM runs r WHERE r.integration_id = i.id AND r.status = 'failed' AND r.finished_at <= ?"
                + "   ORDER BY r.finished_at DESC LIMIT 1) AS last_failed_run,"
                + " (SELECT coalesce(sum(r.records_read), 0) FROM runs r WHERE r.integration_id = i.id"
                + "   AND r.status IN ('succeeded', 'failed') AND r.finished_at <= ?"
                + "   AND r.finished_at > ?::timestamptz - interval '24 hours') AS read_24h,"
                + " (SELECT coalesce(sum(r.records_failed), 0) FROM runs r WHERE r.integration_id = i.id"
                + "   AND r.status IN ('succeeded', 'failed') AND r.finished_at <= ?"
                + "   AND r.finished_at > ?::timestamptz - interval '24 hours') AS failed_24h,"
                + " (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - r.started_at))"
                + "   FROM runs r WHERE r.integration_id = i.id AND r.status = 'succeeded' AND r.started_at IS NOT NULL"
                + "   AND r.finished_at <= ? AND r.finished_at > ?::timestamptz - interval '7 days') AS p95,"
                + " (SELECT count(*) FROM runs r WHERE r.integration_id = i.id AND r.status IN ('queued', 'running')) AS queued,"
                + " (SELECT count(*) FROM record_errors e WHERE e.integration_id = i.id AND e.status IN ('open', 'retried'))"
                + "   AS open_now,"
                + " (SELECT count(*) FROM record_errors e WHERE e.integration_id = i.id AND e.first_seen_at <= ?"
                + "   AND (e.closed_at IS NULL OR e.closed_at > ?)) AS open_before"
                + " FROM integrations i WHERE i.id = ?",
                rs -> new Figures(rs.getString("name"), rs.getBoolean("paused"), rs.getInt("consecutive_failures"),
                        Sql.uuid(rs, "last_failed_run"), rs.getLong("read_24h"), rs.getLong("failed_24h"),
                        nullableDouble(rs, "p95"), rs.getLong("queued"), rs.getLong("open_now"), rs.getLong("open_before")),
                at, at, at, at, at, at, at, at, at, before, before, integrationId);
    }

    /** The integration's source and target connections whose last check failed. */
    public static List<FailingConnection> failingConnections(Connection c, UUID integrationId) throws SQLException {
        return Sql.list(c, "SELECT k.connection_id, n.name, k.failing_since, k.message FROM integrations i"
                + " JOIN connection_checks k ON k.connection_id IN (i.source_connection_id, i.target_connection_id)"
                + " JOIN connections n ON n.tenant_id = k.tenant_id AND n.id = k.connection_id"
                + " WHERE i.id = ? AND NOT k.ok ORDER BY k.connection_id",
                rs -> new FailingConnection(Sql.uuid(rs, "connection_id"), rs.getString("name"),
                        Sql.instant(rs, "failing_since"), rs.getString("message")), integrationId);
    }

    /** The newest record of each location of the integration. */
    public static Map<String, Instant> freshness(Connection c, UUID integrationId) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        for (Object[] row : Sql.list(c, "SELECT location, newest_record_at FROM source_freshness WHERE integration_id = ?",
                rs -> new Object[] {rs.getString(1), Sql.instant(rs, 2)}, integrationId)) {
            out.put((String) row[0], (Instant) row[1]);
        }
        return out;
    }

    /** The hourly counts of one location of the integration from {@code from} on. */
    public static Map<Instant, Long> hours(Connection c, UUID integrationId, String location, Instant from)
            throws SQLException {
        Map<Instant, Long> out = new HashMap<>();
        for (Object[] row : Sql.list(c, "SELECT hour, records FROM source_activity WHERE integration_id = ?"
                + " AND location = ? AND hour >= ?", rs -> new Object[] {Sql.instant(rs, 1), rs.getLong(2)},
                integrationId, location, Sql.timestamp(from))) {
            out.put((Instant) row[0], (Long) row[1]);
        }
        return out;
    }

    public static Zones zones(Connection c) throws SQLException {
        Map<String, String> byVendor = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (String[] row : Sql.list(c, "SELECT vendor_location_id, time_zone FROM locations ORDER BY created_at, id LIMIT 1000",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            if (row[0] != null) {
                byVendor.putIfAbsent(row[0], row[1]);
            }
            all.add(row[1]);
        }
        return new Zones(byVendor, all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty());
    }

    /** The tenant's KPI targets the rules compare with; each null when unset. */
    public record Targets(BigDecimal errorRate, BigDecimal completionMinutes) {
    }

    /** The tenant's KPI targets: error rate (0 to 1) and completion minutes. */
    public static Targets targets(Connection c) throws SQLException {
        return Sql.first(c, "SELECT target_error_rate, target_completion_minutes FROM tenant_settings",
                rs -> new Targets(rs.getBigDecimal(1), rs.getBigDecimal(2))).orElse(new Targets(null, null));
    }

    // Alerts.

    /** The open alerts of a rule, by subject. */
    public static Map<String, Alert> openAlerts(Connection c, UUID ruleId) throws SQLException {
        Map<String, Alert> out = new HashMap<>();
        for (Alert a : Sql.list(c, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE rule_id = ? AND status = 'open'",
                AlertRows::alert, ruleId)) {
            out.put(a.subject(), a);
        }
        return out;
    }

    /** Opens an alert unless one is open for the rule and subject; empty when one was. */
    public static Optional<Alert> open(Connection c, UUID tenant, UUID ruleId, UUID integrationId, String kind,
            String subject, String title, String message, String apiPath, String portalPath, Instant now)
            throws SQLException {
        Object at = Sql.timestamp(now);
        return Sql.first(c, "INSERT INTO alerts (tenant_id, id, rule_id, integration_id, kind, subject, title, message,"
                + " api_path, portal_path, opened_at, last_notified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, rule_id, subject) WHERE status = 'open' DO NOTHING RETURNING " + ALERT_COLUMNS,
                AlertRows::alert, tenant, UUID.randomUUID(), ruleId, integrationId, kind, subject, cut(title, 300),
                cut(message, 2000), apiPath, portalPath, at, at);
    }

    public static Alert resolve(Connection c, UUID id, Instant now) throws SQLException {
        return Sql.first(c, "UPDATE alerts SET status = 'resolved', resolved_at = ? WHERE id = ? RETURNING " + ALERT_COLUMNS,
                AlertRows::alert, Sql.timestamp(now), id).orElseThrow();
    }

    public static Alert renotified(Connection c, UUID id, String message, Instant now) throws SQLException {
        return Sql.first(c, "UPDATE alerts SET last_notified_at = ?, notifications = notifications + 1, message = ?"
                + " WHERE id = ? RETURNING " + ALERT_COLUMNS, AlertRows::alert, Sql.timestamp(now), cut(message, 2000), id)
                .orElseThrow();
    }

    public static Optional<Alert> alert(Connection c, UUID id, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                AlertRows::alert, id);
    }

    /** Alerts, open first then newest first; {@code status} null for all. */
    public static List<Alert> alerts(Connection c, String status, UUID integrationId, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (status != null) {
            where.append(" AND status = ?");
            parameters.add(status);
        }
        if (integrationId != null) {
            where.append(" AND integration_id = ?");
            parameters.add(integrationId);
        }
        parameters.add(limit);
        return Sql.list(c, "SELECT " + ALERT_COLUMNS + " FROM alerts" + where
                + " ORDER BY status = 'open' DESC, opened_at DESC, id LIMIT ?", AlertRows::alert, parameters.toArray());
    }

    public static long openCount(Connection c) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM alerts WHERE status = 'open'", rs -> rs.getLong(1)).orElse(0L);
    }

    public static Alert acknowledge(Connection c, UUID id, String by, Instant now) throws SQLException {
        return Sql.first(c, "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? RETURNING "
                + ALERT_COLUMNS, AlertRows::alert, Sql.timestamp(now), cut(by, 200), id).orElseThrow();
    }

    public static Alert snooze(Connection c, UUID id, Instant until) throws SQLException {
        return Sql.first(c, "UPDATE alerts SET snoozed_until = ? WHERE id = ? RETURNING " + ALERT_COLUMNS,
                AlertRows::alert, Sql.timestamp(until), id).orElseThrow();
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(Sql.uuid(rs, "id"), Sql.uuid(rs, "rule_id"), Sql.uuid(rs, "integration_id"), rs.getString("kind"),
                rs.getString("subject"), rs.getString("status"), rs.getString("title"), rs.getString("message"),
                rs.getString("api_path"), rs.getString("portal_path"), Sql.instant(rs, "opened_at"),
                Sql.instant(rs, "last_notified_at"), rs.getInt("notifications"), Sql.instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"), Sql.instant(rs, "snoozed_until"), Sql.instant(rs, "resolved_at"));
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

}
