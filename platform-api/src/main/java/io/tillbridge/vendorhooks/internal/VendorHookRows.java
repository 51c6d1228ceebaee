package io.tillbridge.vendorhooks.internal;

import io.tillbridge.credentials.SealedSecret;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * SQL of the vendor webhook tables: {@code vendor_hook_routes}, {@code vendor_hook_events},
 * {@code vendor_hook_changes} (tenant tables) and {@code vendor_hook_lookup} (the platform table
 * that names a route's tenant). Callers own the transaction and its tenant scope.
 */
@Singleton
public class VendorHookRows {

    /** A route as stored; {@code secret} is null until a subscription or the merchant gave one. */
    public record Route(UUID id, UUID connectionId, String subscriptionId, String state, String error,
            String notificationUrl, SealedSecret secret, Instant updatedAt) {
    }

    /** An integration that reads from a connection. */
    public record Reader(UUID integrationId, String stream, boolean paused) {
    }

    /** A change not yet written: pending or waiting. */
    public record OpenChange(long id, String eventId, String stream, String key, String version, boolean deleted,
            String record, String status, Instant createdAt) {
    }

    private static final String ROUTE_COLUMNS = "id, connection_id, subscription_id, subscription_state,"
            + " subscription_error, notification_url, secret_ciphertext, secret_nonce, secret_wrapped_dek,"
            + " secret_kek_id, updated_at";

    private static Route route(ResultSet rs) throws SQLException {
        SealedSecret secret = rs.getBytes(7) == null ? null
                : new SealedSecret(rs.getBytes(7), rs.getBytes(8), rs.getBytes(9), rs.getString(10));
        return new Route(Sql.uuid(rs, 1), Sql.uuid(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), secret, Sql.instant(rs, 11));
    }

    public Optional<Route> byConnection(Connection c, UUID connectionId, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT " + ROUTE_COLUMNS + " FROM vendor_hook_routes WHERE connection_id = ?"
                + (lock ? " FOR UPDATE" : ""), VendorHookRows::route, connectionId);
    }

    public Optional<Route> byId(Connection c, UUID routeId) throws SQLException {
        return Sql.first(c, "SELECT " + ROUTE_COLUMNS + " FROM vendor_hook_routes WHERE id = ?", VendorHookRows::route,
                routeId);
    }

    /** Adds the route of a connection and its lookup row. */
    public void insert(Connection c, TenantId tenant, UUID routeId, UUID connectionId) throws SQLException {
        Sql.update(c, "INSERT INTO vendor_hook_routes (tenant_id, id, connection_id) VALUES (?, ?, ?)",
                tenant.value(), routeId, connectionId);
        Sql.update(c, "INSERT INTO vendor_hook_lookup (route_id, tenant_id) VALUES (?, ?)", routeId, tenant.value());
    }

    /** Records the subscription's outcome; a non-null secret replaces the stored one. */
    public void subscription(Connection c, UUID routeId, String state, String subscriptionId, String error,
            String notificationUrl, SealedSecret secret) throws SQLException {
        if (secret == null) {
            Sql.update(c, "UPDATE vendor_hook_routes SET subscription_state = ?, subscription_id = coalesce(?,"
                    + " subscription_id), subscription_error = ?, notification_url = ?, updated_at = clock_timestamp()"
                    + " WHERE id = ?", state, subscriptionId, error, notificationUrl, routeId);
            return;
        }
        Sql.update(c, "UPDATE vendor_hook_routes SET subscription_state = ?, subscription_id = coalesce(?,"
                + " subscription_id), subscription_error = ?, notification_url = ?, secret_ciphertext = ?,"
                + " secret_nonce = ?, secret_wrapped_dek = ?, secret_kek_id = ?, updated_at = clock_timestamp()"
                + " WHERE id = ?", state, subscriptionId, error, notificationUrl, secret.ciphertext(), secret.nonce(),
                secret.wrappedDek(), secret.kekId(), routeId);
    }

    /** The tenant of a route, from the platform table; needs no tenant set. */
    public Optional<TenantId> tenantOf(Connection c, UUID routeId) throws SQLException {
        return Sql.first(c, "SELECT tenant_id FROM vendor_hook_lookup WHERE route_id = ?",
                rs -> new TenantId(Sql.uuid(rs, 1)), routeId);
    }

    /** The integrations whose source is the connection. */
    public List<Reader> readers(Connection c, UUID connectionId) throws SQLException {
        return Sql.list(c, "SELECT id, source_stream, status = 'paused' FROM integrations WHERE source_connection_id = ?",
                rs -> new Reader(Sql.uuid(rs, 1), rs.getString(2), rs.getBoolean(3)), connectionId);
    }

    /** An event of a connection as the vendor names it. */
    public record EventKey(UUID connectionId, String eventId) {
    }

    /** An event to store with the changes it names for the integrations that read them. */
    public record NewEvent(UUID connectionId, String eventId, String type, Instant occurredAt, byte[] payload,
            List<NewChange> changes) {

        public EventKey key() {
            return new EventKey(connectionId, eventId);
        }
    }

    /**
     * Stores events and their changes in one statement (so the storage tally's statement triggers
     * run once, not per event, and the whole batch is one round trip); an event the connection has
     * already (a redelivery) is left, with its changes. {@code events} must not name one event twice.
     *
     * @return the keys of the events stored now
     */
    public Set<EventKey> insertEvents(Connection c, TenantId tenant, List<NewEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return Set.of();
        }
        int changeCount = events.stream().mapToInt(e -> e.changes().size()).sum();
        UUID[] eventConnections = new UUID[events.size()];
        String[] eventIds = new String[events.size()];
        String[] types = new String[events.size()];
        String[] occurred = new String[events.size()];
        byte[][] payloads = new byte[events.size()][];
        UUID[] integrations = new UUID[changeCount];
        UUID[] changeConnections = new UUID[changeCount];
        String[] changeEvents = new String[changeCount];
        String[] streams = new String[changeCount];
        String[] keys = new String[changeCount];
        String[] versions = new String[changeCount];
        Boolean[] deleted = new Boolean[changeCount];
        String[] records = new String[changeCount];
        int j = 0;
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = events.get(i);
            eventConnections[i] = e.connectionId();
            eventIds[i] = e.eventId();
            types[i] = e.type();
            occurred[i] = e.occurredAt() == null ? null : e.occurredAt().toString();
            payloads[i] = e.payload();
            for (NewChange change : e.changes()) {
                integrations[j] = change.integrationId();
                changeConnections[j] = e.connectionId();
                changeEvents[j] = e.eventId();
                streams[j] = change.stream();
                keys[j] = change.key();
                versions[j] = change.version();
                deleted[j] = change.deleted();
                records[j] = change.record();
                j++;
            }
        }
        Set<EventKey> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("WITH e AS (INSERT INTO vendor_hook_events (tenant_id,"
                + " connection_id, event_id, type, occurred_at, payload) SELECT ?, x.connection_id, x.event_id, x.type,"
                + " x.occurred_at::timestamptz, x.payload FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[],"
                + " ?::bytea[]) WITH ORDINALITY AS x(connection_id, event_id, type, occurred_at, payload, n)"
                + " ORDER BY x.n ON CONFLICT DO NOTHING RETURNING connection_id, event_id),"
                + " ch AS (INSERT INTO vendor_hook_changes (tenant_id, integration_id, connection_id, event_id, stream,"
                + " source_key, version, deleted, record) SELECT ?, y.integration_id, y.connection_id, y.event_id,"
                + " y.stream, y.source_key, y.version, y.deleted, y.record::jsonb FROM unnest(?::uuid[], ?::uuid[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[]) WITH ORDINALITY AS"
                + " y(integration_id, connection_id, event_id, stream, source_key, version, deleted, record, n)"
                + " WHERE EXISTS (SELECT 1 FROM e WHERE e.connection_id = y.connection_id AND e.event_id = y.event_id)"
                + " ORDER BY y.n)"
                + " SELECT connection_id, event_id FROM e")) {
            ps.setObject(1, tenant.value());
            ps.setArray(2, c.createArrayOf("uuid", eventConnections));
            ps.setArray(3, c.createArrayOf("text", eventIds));
            ps.setArray(4, c.createArrayOf("text", types));
            ps.setArray(5, c.createArrayOf("text", occurred));
            ps.setArray(6, c.createArrayOf("bytea", payloads));
            ps.setObject(7, tenant.value());
            ps.setArray(8, c.createArrayOf("uuid", integrations));
            ps.setArray(9, c.createArrayOf("uuid", changeConnections));
            ps.setArray(10, c.createArrayOf("text", changeEvents));
            ps.setArray(11, c.createArrayOf("text", streams));
            ps.setArray(12, c.createArrayOf("text", keys));
            ps.setArray(13, c.createArrayOf("text", versions));
            ps.setArray(14, c.createArrayOf("boolean", deleted));
            ps.setArray(15, c.createArrayOf("text", records));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new EventKey(Sql.uuid(rs, 1), rs.getString(2)));
                }
            }
        }
        return stored;
    }

    /** Stores an event; false when the connection has it already (a redelivery). */
    public boolean insertEvent(Connection c, TenantId tenant, UUID connectionId, String eventId, String type,
            Instant occurredAt, byte[] payload) throws SQLException {
        return Sql.update(c, "INSERT INTO vendor_hook_events (tenant_id, connection_id, event_id, type, occurred_at,"
                + " payload) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", tenant.value(), connectionId, eventId,
                type, occurredAt, payload) == 1;
    }

    /** Adds the changes of one event for the integrations that read them, as one batch. */
    public void insertChanges(Connection c, TenantId tenant, UUID connectionId, String eventId, List<NewChange> changes)
            throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vendor_hook_changes (tenant_id, integration_id,"
                + " connection_id, event_id, stream, source_key, version, deleted, record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            for (NewChange change : changes) {
                Sql.bind(ps, tenant.value(), change.integrationId(), connectionId, eventId, change.stream(), change.key(),
                        change.version(), change.deleted(), change.record());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One change to add; {@code record} is JSON or null. */
    public record NewChange(UUID integrationId, String stream, String key, String version, boolean deleted,
            String record) {
    }

    /** Open changes of an integration after {@code afterId}, oldest first. */
    public List<OpenChange> open(Connection c, UUID integrationId, long afterId, int limit) throws SQLException {
        return Sql.list(c, "SELECT id, event_id, stream, source_key, version, deleted, record::text, status, created_at"
                + " FROM vendor_hook_changes WHERE integration_id = ? AND status IN ('pending', 'waiting') AND id > ?"
                + " ORDER BY id LIMIT ?", rs -> new OpenChange(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8),
                rs.getTimestamp(9).toInstant()),
                integrationId, afterId, limit);
    }

    /** Ends or parks changes: {@code written}, {@code skipped} (with why) or {@code waiting} (with what for). */
    public void mark(Connection c, List<Long> ids, String status, String note) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Sql.update(c, "UPDATE vendor_hook_changes SET status = ?, note = ?, done_at = CASE WHEN ? IN ('written',"
                + " 'skipped') THEN clock_timestamp() END WHERE id = ANY(?)", status, note, status,
                c.createArrayOf("bigint", ids.toArray()));
    }

    /** The connection's open changes by status ({@code pending}, {@code waiting}). */
    public java.util.Map<String, Long> openChanges(Connection c, UUID connectionId) throws SQLException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (Object[] row : Sql.list(c, "SELECT status, count(*) FROM vendor_hook_changes WHERE connection_id = ?"
                + " AND status IN ('pending', 'waiting') GROUP BY status", rs -> new Object[] {rs.getString(1),
                rs.getLong(2)}, connectionId)) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    /** The tenants that have routes, from the platform table; needs no tenant set. */
    public List<TenantId> tenantsWithRoutes(Connection c) throws SQLException {
        return Sql.list(c, "SELECT DISTINCT tenant_id FROM vendor_hook_lookup", rs -> new TenantId(Sql.uuid(rs, 1)));
    }

    /**
     * The integrations with changes pending for longer than {@code age}, or waiting for longer than
     * {@code waitingLimit} (a run then moves them to the error inbox).
     */
    public List<UUID> pendingSince(Connection c, java.time.Duration age, java.time.Duration waitingLimit)
            throws SQLException {
        return Sql.list(c, "SELECT DISTINCT integration_id FROM vendor_hook_changes WHERE status = 'pending'"
                + " AND created_at < clock_timestamp() - make_interval(secs => ?) UNION SELECT integration_id"
                + " FROM vendor_hook_changes WHERE status = 'waiting'"
                + " AND created_at < clock_timestamp() - make_interval(secs => ?)", rs -> Sql.uuid(rs, 1),
                (double) age.toMillis() / 1000, (double) waitingLimit.toMillis() / 1000);
    }

    /** The integrations of the connection with waiting changes. */
    public List<UUID> waiting(Connection c, UUID connectionId) throws SQLException {
        return Sql.list(c, "SELECT DISTINCT integration_id FROM vendor_hook_changes WHERE connection_id = ?"
                + " AND status = 'waiting'", rs -> Sql.uuid(rs, 1), connectionId);
    }
}
