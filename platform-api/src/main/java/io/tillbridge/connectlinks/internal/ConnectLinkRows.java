package io.tillbridge.connectlinks.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code connect_links} (a tenant table), {@code connect_link_routes} (the platform table
 * that names a token's tenant) and {@code partner_redirect_urls} (a partner's registered
 * redirects). Only the SHA-256 of a token is stored.
 */
@Singleton
public class ConnectLinkRows {

    /** A connect link as stored. */
    public record Row(UUID id, UUID partnerId, UUID partnerKeyId, String connectorId, String redirectUrl,
            String clientState, boolean sandbox, String status, Instant expiresAt, UUID openedBy,
            UUID authorizationId, UUID connectionId, Instant createdAt) {
    }

    /** Which tenant's link a token hash is. */
    public record Route(TenantId tenant, UUID linkId) {
    }

    /** The names a consent page shows, and whether the partner still has a live grant. */
    public record Names(String partnerName, String tenantName, boolean granted) {
    }

    private static final String COLUMNS = "id, partner_id, partner_key_id, connector_id, redirect_url, client_state,"
            + " sandbox, status, expires_at, opened_by, authorization_id, connection_id, created_at";

    public void insert(TenantId tenant, Connection c, UUID id, byte[] tokenHash, UUID partnerId, UUID partnerKeyId,
            String connectorId, String redirectUrl, String clientState, boolean sandbox, Instant expiresAt)
            throws SQLException {
        Sql.update(c, "INSERT INTO connect_links (tenant_id, id, token_hash, partner_id, partner_key_id, connector_id,"
                + " redirect_url, client_state, sandbox, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), id, tokenHash, partnerId, partnerKeyId, connectorId, redirectUrl, clientState, sandbox,
                expiresAt);
        Sql.update(c, "INSERT INTO connect_link_routes (token_hash, tenant_id, link_id) VALUES (?, ?, ?)", tokenHash,
                tenant.value(), id);
    }

    /** How many of the tenant's links are unfinished and unexpired. */
    public int open(TenantId tenant, Connection c, Instant now) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM connect_links WHERE tenant_id = ? AND status IN ('pending', 'opened')"
                + " AND expires_at > ?", rs -> rs.getInt(1), tenant.value(), now).orElse(0);
    }

    /** Deletes the tenant's links that expired before {@code before} (their routes go with them). */
    public int purge(TenantId tenant, Connection c, Instant before) throws SQLException {
        return Sql.update(c, "DELETE FROM connect_links WHERE tenant_id = ? AND expires_at < ?", tenant.value(), before);
    }

    /** The tenant and id of the link with this token hash; in a transaction without a tenant. */
    public Optional<Route> route(Connection c, byte[] tokenHash) throws SQLException {
        return Sql.first(c, "SELECT tenant_id, link_id FROM connect_link_routes WHERE token_hash = ?",
                rs -> new Route(new TenantId(Sql.uuid(rs, "tenant_id")), Sql.uuid(rs, "link_id")), tokenHash);
    }

    public Optional<Row> find(TenantId tenant, Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM connect_links WHERE tenant_id = ? AND id = ?",
                ConnectLinkRows::map, tenant.value(), id);
    }

    /** The link, locked until the transaction ends. */
    public Optional<Row> lock(TenantId tenant, Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM connect_links WHERE tenant_id = ? AND id = ? FOR UPDATE",
                ConnectLinkRows::map, tenant.value(), id);
    }

    /** The link an OAuth authorization was started for, locked. */
    public Optional<Row> lockByAuthorization(TenantId tenant, Connection c, UUID authorizationId) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM connect_links WHERE tenant_id = ? AND authorization_id = ?"
                + " FOR UPDATE", ConnectLinkRows::map, tenant.value(), authorizationId);
    }

    /** Binds the link to the member who opened it first. */
    public void opened(TenantId tenant, Connection c, UUID id, UUID userId, Instant at) throws SQLException {
        Sql.update(c, "UPDATE connect_links SET status = 'opened', opened_by = ?, opened_at = ? WHERE tenant_id = ?"
                + " AND id = ?", userId, at, tenant.value(), id);
    }

    /** Records the OAuth authorization started for the link. */
    public void authorizing(TenantId tenant, Connection c, UUID id, UUID authorizationId) throws SQLException {
        Sql.update(c, "UPDATE connect_links SET status = 'authorizing', authorization_id = ? WHERE tenant_id = ?"
                + " AND id = ?", authorizationId, tenant.value(), id);
    }

    /** Ends the link: completed with its connection, or declined (connection null). */
    public void finished(TenantId tenant, Connection c, UUID id, UUID connectionId, Instant at) throws SQLException {
        Sql.update(c, "UPDATE connect_links SET status = ?, connection_id = ?, finished_at = ? WHERE tenant_id = ?"
                + " AND id = ?", connectionId == null ? "declined" : "completed", connectionId, at, tenant.value(), id);
    }

    /** The partner's and the tenant's names, and whether the partner's grant is live; platform tables. */
    public Optional<Names> names(Connection c, TenantId tenant, UUID partnerId) throws SQLException {
        return Sql.first(c, "SELECT p.name AS partner_name, t.name AS tenant_name, EXISTS (SELECT 1 FROM partner_grants g"
                + " WHERE g.tenant_id = t.id AND g.partner_id = p.id AND g.revoked_at IS NULL) AS granted"
                + " FROM partners p, tenants t WHERE p.id = ? AND t.id = ?",
                rs -> new Names(rs.getString("partner_name"), rs.getString("tenant_name"), rs.getBoolean("granted")),
                partnerId, tenant.value());
    }

    /** A partner's registered redirect URLs, oldest first. */
    public List<String> redirectUrls(Connection c, UUID partnerId) throws SQLException {
        return Sql.list(c, "SELECT url FROM partner_redirect_urls WHERE partner_id = ? ORDER BY created_at, url",
                rs -> rs.getString("url"), partnerId);
    }

    /** Replaces a partner's redirect URLs with {@code urls}. */
    public void replaceRedirectUrls(Connection c, UUID partnerId, List<String> urls) throws SQLException {
        Sql.update(c, "DELETE FROM partner_redirect_urls WHERE partner_id = ?", partnerId);
        for (String url : urls) {
            Sql.update(c, "INSERT INTO partner_redirect_urls (partner_id, url) VALUES (?, ?)", partnerId, url);
        }
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(Sql.uuid(rs, "id"), Sql.uuid(rs, "partner_id"), Sql.uuid(rs, "partner_key_id"),
                rs.getString("connector_id"), rs.getString("redirect_url"), rs.getString("client_state"),
                rs.getBoolean("sandbox"), rs.getString("status"), Sql.instant(rs, "expires_at"),
                Sql.uuid(rs, "opened_by"), Sql.uuid(rs, "authorization_id"), Sql.uuid(rs, "connection_id"),
                Sql.instant(rs, "created_at"));
    }
}
