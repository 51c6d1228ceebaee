package io.tillbridge.connections.internal;

import io.tillbridge.audit.Actor;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code oauth_states} (a tenant table: the started authorizations) and of
 * {@code oauth_state_routes} (the platform table that names a state's tenant for the anonymous
 * callback). Only the SHA-256 of a state is stored.
 */
@Singleton
public class OAuthStateRows {


    /** A started authorization as stored; {@code config} holds non-secret fields only. */
    public record Row(UUID id, Actor actor, String connectorId, String name, Map<String, Object> config,
            boolean sandbox, String redirectUri, Instant expiresAt, Instant consumedAt) {
    }

    /** Which tenant's state a hash is. */
    public record Route(TenantId tenant, UUID stateId) {
    }

    public void insert(TenantId tenant, Connection c, UUID id, byte[] stateHash, Actor actor, String connectorId,
            String name, Map<String, Object> config, boolean sandbox, String redirectUri, Instant expiresAt)
            throws SQLException {
        Sql.update(c, "INSERT INTO oauth_states (tenant_id, id, state_hash, actor_kind, actor_id, actor_label,"
                + " connector_id, name, config, sandbox, redirect_uri, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)", tenant.value(), id, stateHash,
                actor.kindWire(), actor.id(), actor.label(), connectorId, name, ConfigJson.write(config), sandbox,
                redirectUri, expiresAt);
        Sql.update(c, "INSERT INTO oauth_state_routes (state_hash, tenant_id, state_id) VALUES (?, ?, ?)", stateHash,
                tenant.value(), id);
    }

    /** How many of the tenant's authorizations are neither used nor expired. */
    public int open(TenantId tenant, Connection c, Instant now) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM oauth_states WHERE tenant_id = ? AND consumed_at IS NULL"
                + " AND expires_at > ?", rs -> rs.getInt(1), tenant.value(), now).orElse(0);
    }

    /** Deletes the tenant's authorizations that expired before {@code before} (their routes go with them). */
    public int purge(TenantId tenant, Connection c, Instant before) throws SQLException {
        return Sql.update(c, "DELETE FROM oauth_states WHERE tenant_id = ? AND expires_at < ?", tenant.value(), before);
    }

    /** The tenant and id of the state with this hash; in a transaction without a tenant. */
    public Optional<Route> route(Connection c, byte[] stateHash) throws SQLException {
        return Sql.first(c, "SELECT tenant_id, state_id FROM oauth_state_routes WHERE state_hash = ?",
                rs -> new Route(new TenantId(Sql.uuid(rs, "tenant_id")), Sql.uuid(rs, "state_id")), stateHash);
    }

    /** The state, locked until the transaction ends. */
    public Optional<Row> lock(TenantId tenant, Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT id, actor_kind, actor_id, actor_label, connector_id, name, config::text AS config,"
                + " sandbox, redirect_uri, expires_at, consumed_at FROM oauth_states WHERE tenant_id = ? AND id = ?"
                + " FOR UPDATE", OAuthStateRows::map, tenant.value(), id);
    }

    /** Marks the state used; it never counts again. */
    public void consume(TenantId tenant, Connection c, UUID id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE oauth_states SET consumed_at = ? WHERE tenant_id = ? AND id = ?", at, tenant.value(), id);
    }

    /** Records the connection the state led to. */
    public void connected(TenantId tenant, Connection c, UUID id, UUID connectionId) throws SQLException {
        Sql.update(c, "UPDATE oauth_states SET connection_id = ? WHERE tenant_id = ? AND id = ?", connectionId,
                tenant.value(), id);
    }

    private static Row map(ResultSet rs) throws SQLException {
        Actor actor = new Actor(Actor.Kind.valueOf(rs.getString("actor_kind").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("actor_id"), rs.getString("actor_label"), null);
        return new Row(Sql.uuid(rs, "id"), actor, rs.getString("connector_id"), rs.getString("name"),
                ConfigJson.read(rs.getString("config")), rs.getBoolean("sandbox"), rs.getString("redirect_uri"),
                Sql.instant(rs, "expires_at"), Sql.instant(rs, "consumed_at"));
    }
}
