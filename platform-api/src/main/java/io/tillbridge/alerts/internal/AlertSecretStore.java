package io.tillbridge.alerts.internal;

import io.tillbridge.credentials.SealedSecret;
import io.tillbridge.credentials.SealedSecretStore;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The signing secrets of alert webhook channels, for key rotation: their data keys are re-wrapped with the rest. */
@Singleton
public class AlertSecretStore implements SealedSecretStore {

    /** The field every channel's secret is bound to (the vault's binding: tenant, channel, field). */
    public static final String FIELD = "alert-channel-signing-secret";

    @Override
    public String name() {
        return "alert channel signing secrets";
    }

    @Override
    public List<Stored> wrappedByOtherThan(TenantId tenant, Connection c, String kekId, Stored after, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, secret_ciphertext, secret_nonce, secret_wrapped_dek,"
                + " secret_kek_id FROM alert_channels WHERE tenant_id = ? AND secret_kek_id <> ? AND id > ?"
                + " AND secret_ciphertext IS NOT NULL"
                + " ORDER BY id LIMIT ? FOR UPDATE")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, kekId);
            ps.setObject(3, after == null ? new UUID(0L, 0L) : after.ownerId());
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Stored> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Stored(rs.getObject(1, UUID.class), FIELD,
                            new SealedSecret(rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5))));
                }
                return out;
            }
        }
    }

    @Override
    public void rewrap(TenantId tenant, Connection c, Stored stored, SealedSecret rewrapped) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_channels SET secret_wrapped_dek = ?,"
                + " secret_kek_id = ? WHERE tenant_id = ? AND id = ? AND secret_kek_id = ?")) {
            ps.setBytes(1, rewrapped.wrappedDek());
            ps.setString(2, rewrapped.kekId());
            ps.setObject(3, tenant.value());
            ps.setObject(4, stored.ownerId());
            ps.setString(5, stored.sealed().kekId());
            ps.executeUpdate();
        }
    }
}
