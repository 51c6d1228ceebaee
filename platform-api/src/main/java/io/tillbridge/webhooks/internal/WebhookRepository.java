package io.tillbridge.webhooks.internal;

import io.tillbridge.credentials.SealedSecret;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code webhook_endpoints} and {@code webhook_events} (tenant tables) and of
 * {@code webhook_routes} (the platform table that names an endpoint's tenant).
 */
@Singleton
public class WebhookRepository {

    /** An endpoint as stored, with its sealed signing secret. */
    public record Row(UUID id, UUID integrationId, SealedSecret secret, Instant createdAt) {
    }

    public void insert(TenantId tenant, Connection c, UUID id, UUID integrationId, SealedSecret secret)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_endpoints (tenant_id, id, integration_id,"
                + " secret_ciphertext, secret_nonce, secret_wrapped_dek, secret_kek_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            ps.setObject(3, integrationId);
            ps.setBytes(4, secret.ciphertext());
            ps.setBytes(5, secret.nonce());
            ps.setBytes(6, secret.wrappedDek());
            ps.setString(7, secret.kekId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_routes (endpoint_id, tenant_id) VALUES (?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, tenant.value());
            ps.executeUpdate();
        }
    }

    public Optional<Row> byIntegration(TenantId tenant, Connection c, UUID integrationId, boolean lock)
            throws SQLException {
        return one(c, "integration_id = ?" + (lock ? " FOR UPDATE" : ""), tenant, integrationId);
    }

    public Optional<Row> byId(TenantId tenant, Connection c, UUID id) throws SQLException {
        return one(c, "id = ?", tenant, id);
    }

    private static Optional<Row> one(Connection c, String where, TenantId tenant, UUID value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, integration_id, secret_ciphertext, secret_nonce,"
                + " secret_wrapped_dek, secret_kek_id, created_at FROM webhook_endpoints WHERE tenant_id = ? AND " + where)) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        new SealedSecret(rs.getBytes(3), rs.getBytes(4), rs.getBytes(5), rs.getString(6)),
                        rs.getTimestamp(7).toInstant()));
            }
        }
    }

    /** Deletes the endpoint; its route and its events go with it. */
    public void delete(TenantId tenant, Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_endpoints WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /** The tenant of an endpoint, from the platform table; needs no tenant set. */
    public Optional<TenantId> tenantOf(Connection c, UUID endpointId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM webhook_routes WHERE endpoint_id = ?")) {
            ps.setObject(1, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TenantId(rs.getObject(1, UUID.class))) : Optional.empty();
            }
        }
    }

    /** Stores a received event; false when the endpoint has it already (a redelivery). */
    public boolean insertEvent(TenantId tenant, Connection c, UUID endpointId, String eventId, Instant signedAt,
            String contentType, byte[] payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (tenant_id, endpoint_id, event_id,"
                + " signed_at, content_type, payload) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, endpointId);
            ps.setString(3, eventId);
            ps.setTimestamp(4, Timestamp.from(signedAt));
            ps.setString(5, contentType);
            ps.setBytes(6, payload);
            return ps.executeUpdate() == 1;
        }
    }

    public void setEventRun(TenantId tenant, Connection c, UUID endpointId, String eventId, UUID runId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_events SET run_id = ?"
                + " WHERE tenant_id = ? AND endpoint_id = ? AND event_id = ?")) {
            ps.setObject(1, runId);
            ps.setObject(2, tenant.value());
            ps.setObject(3, endpointId);
            ps.setString(4, eventId);
            ps.executeUpdate();
        }
    }
}
