package io.tillbridge.credentials.internal;

import io.tillbridge.credentials.SealedSecret;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQL of {@code connection_secrets}. Every statement runs in the tenant's transaction, under
 * row-level security; the tenant id is still named in every statement.
 */
@Singleton
public class SecretRepository {

    /** A stored secret with the row it sits in, for key rotation. */
    public record Row(UUID connectionId, String field, SealedSecret sealed) {
    }

    public void upsert(TenantId tenant, Connection c, UUID connectionId, String field, SealedSecret sealed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connection_secrets (tenant_id, connection_id, field,"
                + " ciphertext, nonce, wrapped_dek, kek_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, connection_id, field) DO UPDATE SET ciphertext = excluded.ciphertext,"
                + " nonce = excluded.nonce, wrapped_dek = excluded.wrapped_dek, kek_id = excluded.kek_id, updated_at = now()")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, connectionId);
            ps.setString(3, field);
            ps.setBytes(4, sealed.ciphertext());
            ps.setBytes(5, sealed.nonce());
            ps.setBytes(6, sealed.wrappedDek());
            ps.setString(7, sealed.kekId());
            ps.executeUpdate();
        }
    }

    /** The connection's sealed secrets by field name. */
    public Map<String, SealedSecret> find(TenantId tenant, Connection c, UUID connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT field, ciphertext, nonce, wrapped_dek, kek_id"
                + " FROM connection_secrets WHERE tenant_id = ? AND connection_id = ? ORDER BY field")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, SealedSecret> out = new LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), sealed(rs, 2));
                }
                return out;
            }
        }
    }

    public int delete(TenantId tenant, Connection c, UUID connectionId, String field) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connection_secrets"
                + " WHERE tenant_id = ? AND connection_id = ? AND field = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, connectionId);
            ps.setString(3, field);
            return ps.executeUpdate();
        }
    }

    public int deleteAll(TenantId tenant, Connection c, UUID connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connection_secrets WHERE tenant_id = ? AND connection_id = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, connectionId);
            return ps.executeUpdate();
        }
    }

    /**
     * Up to {@code limit} of the tenant's secrets whose data key another KEK wraps, after
     * {@code after} (null: from the first) in (connection, field) order, locked.
     */
    public List<Row> wrappedByOtherThan(TenantId tenant, Connection c, String kekId, Row after, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, field, ciphertext, nonce, wrapped_dek, kek_id"
                + " FROM connection_secrets WHERE tenant_id = ? AND kek_id <> ?"
                + " AND (connection_id, field) > (?, ?) ORDER BY connection_id, field LIMIT ? FOR UPDATE")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, kekId);
            // The nil uuid (PostgreSQL orders uuids by their bytes) and the empty field sort before every secret.
            ps.setObject(3, after == null ? new UUID(0L, 0L) : after.connectionId());
            ps.setString(4, after == null ? "" : after.field());
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), sealed(rs, 3)));
                }
                return out;
            }
        }
    }

    /** Replaces a data key's wrapping; the ciphertext and nonce stay as they are. */
    public void rewrap(TenantId tenant, Connection c, Row row, SealedSecret rewrapped) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connection_secrets SET wrapped_dek = ?, kek_id = ?"
                + " WHERE tenant_id = ? AND connection_id = ? AND field = ? AND kek_id = ?")) {
            ps.setBytes(1, rewrapped.wrappedDek());
            ps.setString(2, rewrapped.kekId());
            ps.setObject(3, tenant.value());
            ps.setObject(4, row.connectionId());
            ps.setString(5, row.field());
            ps.setString(6, row.sealed().kekId());
            ps.executeUpdate();
        }
    }

    /** Ids of all tenants (a platform table), for rotation tenant by tenant. */
    public List<TenantId> tenants(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tenants ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<TenantId> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new TenantId(rs.getObject(1, UUID.class)));
            }
            return out;
        }
    }

    private static SealedSecret sealed(ResultSet rs, int from) throws SQLException {
        return new SealedSecret(rs.getBytes(from), rs.getBytes(from + 1), rs.getBytes(from + 2), rs.getString(from + 3));
    }
}
