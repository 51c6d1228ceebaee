package io.tillbridge.connectlinks;

import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connectlinks.internal.ConnectLinkRows;
import io.tillbridge.connections.OAuthFollowUp;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finishes a connect link when the OAuth flow it started comes back: the link is completed with
 * the new connection (or declined), audited, and the merchant's browser is sent to the partner's
 * redirect URL with {@code connection_id} (or {@code error=access_denied}) and the partner's
 * {@code state}. An authorization that no link started is not this class's business.
 */
@Singleton
public class ConnectLinkReturns implements OAuthFollowUp {

    private final ConnectLinkRows rows;
    private final AuditLog audit;
    private final Clock clock;

    public ConnectLinkReturns(ConnectLinkRows rows, AuditLog audit, Clock clock) {
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<URI> granted(Connection c, TenantId tenant, UUID authorizationId, UUID connectionId)
            throws SQLException {
        return finishing(c, tenant, authorizationId, connectionId, null);
    }

    @Override
    public Optional<URI> declined(Connection c, TenantId tenant, UUID authorizationId, String error)
            throws SQLException {
        // The partner learns that nothing was connected; what the vendor said stays in the audit log.
        return finishing(c, tenant, authorizationId, null, "access_denied");
    }

    private Optional<URI> finishing(Connection c, TenantId tenant, UUID authorizationId, UUID connectionId,
            String error) throws SQLException {
        Optional<ConnectLinkRows.Row> row = rows.lockByAuthorization(tenant, c, authorizationId)
                .filter(r -> r.status().equals("authorizing"));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Actor actor = new Actor(Actor.Kind.USER, String.valueOf(row.get().openedBy()), null, null);
        return Optional.of(finish(rows, audit, clock, c, tenant, actor, row.get(), connectionId, error));
    }

    /** Ends {@code row} (completed with {@code connectionId}, or declined with {@code error}), audits it, and answers the redirect. */
    static URI finish(ConnectLinkRows rows, AuditLog audit, Clock clock, Connection c, TenantId tenant, Actor actor,
            ConnectLinkRows.Row row, UUID connectionId, String error) throws SQLException {
        rows.finished(tenant, c, row.id(), connectionId, clock.instant());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("partnerId", row.partnerId().toString());
        after.put("connectorId", row.connectorId());
        if (connectionId != null) {
            after.put("connectionId", connectionId.toString());
        }
        audit.append(c, tenant, actor, AuditLog.Entry.of(connectionId != null ? "connect-link.completed"
                : "connect-link.declined", "connect-link", row.id()).after(after));
        StringBuilder url = new StringBuilder(row.redirectUrl()).append(row.redirectUrl().contains("?") ? '&' : '?');
        if (connectionId != null) {
            url.append("connection_id=").append(connectionId);
        } else {
            url.append("error=").append(encode(error));
        }
        if (row.clientState() != null) {
            url.append("&state=").append(encode(row.clientState()));
        }
        return URI.create(url.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
