package io.tillbridge.alerts.internal;

import io.tillbridge.alerts.AlertChannel;
import io.tillbridge.alerts.Delivery;
import io.tillbridge.credentials.SealedSecret;
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

/** SQL of {@code alert_channels} and {@code alert_deliveries}, in the tenant's transaction. */
public final class ChannelRows {

    /** Deliveries kept per channel in its log; older finished ones are deleted when new ones are added. */
    public static final int LOG_SIZE = 200;

    private ChannelRows() {
    }

    /** A delivery due to be sent, with what it is sent to. */
    public record Due(UUID id, UUID channelId, String kind, String payload, int attempts, String channelKind,
            List<String> addresses, String url, SealedSecret secret) {
    }

    private static final String COLUMNS = "id, name, kind, addresses, url, version, created_at";
    private static final String DELIVERY_COLUMNS = "id, channel_id, alert_id, kind, status, attempts, created_at, done_at,"
            + " status_code, error";

    public static List<AlertChannel> channels(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM alert_channels ORDER BY created_at, id LIMIT 100", ChannelRows::channel);
    }

    public static long count(Connection c) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM alert_channels", rs -> rs.getLong(1)).orElse(0L);
    }

    public static Optional<AlertChannel> channel(Connection c, UUID id, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM alert_channels WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                ChannelRows::channel, id);
    }

    public static AlertChannel insert(Connection c, UUID tenant, UUID id, String name, String kind, List<String> addresses,
            String url, SealedSecret secret) throws SQLException {
        return Sql.first(c, "INSERT INTO alert_channels (tenant_id, id, name, kind, addresses, url, secret_ciphertext,"
                + " secret_nonce, secret_wrapped_dek, secret_kek_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                ChannelRows::channel, tenant, id, name, kind, addresses == null ? null : c.createArrayOf("text",
                        addresses.toArray()), url, secret == null ? null : secret.ciphertext(),
                secret == null ? null : secret.nonce(), secret == null ? null : secret.wrappedDek(),
                secret == null ? null : secret.kekId()).orElseThrow();
    }

    public static AlertChannel update(Connection c, UUID id, String name, List<String> addresses, String url)
            throws SQLException {
        return Sql.first(c, "UPDATE alert_channels SET name = ?, addresses = ?, url = ?, version = version + 1,"
                + " updated_at = clock_timestamp() WHERE id = ? RETURNING " + COLUMNS, ChannelRows::channel, name,
                addresses == null ? null : c.createArrayOf("text", addresses.toArray()), url, id).orElseThrow();
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Sql.update(c, "DELETE FROM alert_channels WHERE id = ?", id);
    }

    private static AlertChannel channel(ResultSet rs) throws SQLException {
        Array addresses = rs.getArray("addresses");
        return new AlertChannel(Sql.uuid(rs, "id"), rs.getString("name"), rs.getString("kind"),
                addresses == null ? null : Arrays.stream((Object[]) addresses.getArray()).map(String::valueOf).toList(),
                rs.getString("url"), rs.getInt("version"), Sql.instant(rs, "created_at"));
    }

    // Deliveries.

    /** Adds a pending delivery, due now, and trims the channel's log to {@link #LOG_SIZE}. */
    public static UUID enqueue(Connection c, UUID tenant, UUID channelId, UUID alertId, String kind, String payload,
            Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        Sql.update(c, "INSERT INTO alert_deliveries (tenant_id, id, channel_id, alert_id, kind, payload, next_attempt_at,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)", tenant, id, channelId, alertId, kind, payload,
                Sql.timestamp(now), Sql.timestamp(now));
        Sql.update(c, "DELETE FROM alert_deliveries WHERE channel_id = ? AND status <> 'pending' AND id IN (SELECT id"
                + " FROM alert_deliveries WHERE channel_id = ? ORDER BY created_at DESC, id OFFSET ?)", channelId, channelId,
                LOG_SIZE);
        return id;
    }

    /**
     * Claims up to {@code limit} deliveries due at {@code now} (or only {@code only}, when given):
     * their next attempt moves to {@code leaseUntil}, so that no other sender takes them meanwhile.
     */
    public static List<Due> claim(Connection c, Instant now, Instant leaseUntil, UUID only, int limit)
            throws SQLException {
        List<Due> due = Sql.list(c, "SELECT d.id, d.channel_id, d.kind, d.payload::text AS payload, d.attempts, ch.kind AS channel_kind,"
                + " ch.addresses, ch.url, ch.secret_ciphertext, ch.secret_nonce, ch.secret_wrapped_dek, ch.secret_kek_id"
                + " FROM alert_deliveries d JOIN alert_channels ch ON ch.tenant_id = d.tenant_id AND ch.id = d.channel_id"
                + " WHERE d.status = 'pending' AND d.next_attempt_at <= ?" + (only == null ? "" : " AND d.id = ?")
                + " ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED", rs -> {
                    Array addresses = rs.getArray("addresses");
                    byte[] ciphertext = rs.getBytes("secret_ciphertext");
                    return new Due(Sql.uuid(rs, "id"), Sql.uuid(rs, "channel_id"), rs.getString("kind"),
                            rs.getString("payload"), rs.getInt("attempts"), rs.getString("channel_kind"),
                            addresses == null ? List.of() : Arrays.stream((Object[]) addresses.getArray())
                                    .map(String::valueOf).toList(), rs.getString("url"),
                            ciphertext == null ? null : new SealedSecret(ciphertext, rs.getBytes("secret_nonce"),
                                    rs.getBytes("secret_wrapped_dek"), rs.getString("secret_kek_id")));
                }, only == null ? new Object[] {Sql.timestamp(now), limit} : new Object[] {Sql.timestamp(now), only, limit});
        for (Due d : due) {
            Sql.update(c, "UPDATE alert_deliveries SET next_attempt_at = ? WHERE id = ?", Sql.timestamp(leaseUntil), d.id());
        }
        return due;
    }

    /** Records an attempt: sent, failed for good, or pending again from {@code retryAt}. */
    public static void attempted(Connection c, UUID id, String status, Integer statusCode, String error, Instant now,
            Instant retryAt) throws SQLException {
        Sql.update(c, "UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, status_code = ?, error = ?,"
                + " done_at = ?, next_attempt_at = coalesce(?, next_attempt_at) WHERE id = ?", status, statusCode,
                AlertRows.cut(error, 500), "pending".equals(status) ? null : Sql.timestamp(now), Sql.timestamp(retryAt), id);
    }

    public static List<Delivery> deliveries(Connection c, UUID channelId, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + DELIVERY_COLUMNS + " FROM alert_deliveries WHERE channel_id = ?"
                + " ORDER BY created_at DESC, id LIMIT ?", ChannelRows::delivery, channelId, limit);
    }

    public static Optional<Delivery> delivery(Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT " + DELIVERY_COLUMNS + " FROM alert_deliveries WHERE id = ?", ChannelRows::delivery, id);
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(Sql.uuid(rs, "id"), Sql.uuid(rs, "channel_id"), Sql.uuid(rs, "alert_id"), rs.getString("kind"),
                rs.getString("status"), rs.getInt("attempts"), Sql.instant(rs, "created_at"), Sql.instant(rs, "done_at"),
                Sql.nullableInt(rs, "status_code"), rs.getString("error"));
    }
}
