package io.tillbridge.vendorhooks.internal;

import io.tillbridge.credentials.SealedSecret;
import io.tillbridge.credentials.SealedSecretStore;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The signing secrets of vendor webhook routes, for key rotation: their data keys are re-wrapped with the rest. */
@Singleton
public class VendorHookSecretStore implements SealedSecretStore {

    /** The vault field a route's secret is bound to (with tenant and route id). */
    public static final String FIELD = "vendor-hook-signing-secret";

    @Override
    public String name() {
        return "vendor webhook signing secrets";
    }

    @Override
    public List<Stored> wrappedByOtherThan(TenantId tenant, Connection c, String kekId, Stored after, int limit)
            throws SQLException {
        return Sql.list(c, "SELECT id, secret_ciphertext, secret_nonce, secret_wrapped_dek, secret_kek_id"
                + " FROM vendor_hook_routes WHERE tenant_id = ? AND secret_kek_id IS NOT NULL AND secret_kek_id <> ?"
                + " AND id > ? ORDER BY id LIMIT ? FOR UPDATE", rs -> new Stored(Sql.uuid(rs, 1), FIELD,
                new SealedSecret(rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5))),
                tenant.value(), kekId, after == null ? new UUID(0L, 0L) : after.ownerId(), limit);
    }

    @Override
    public void rewrap(TenantId tenant, Connection c, Stored stored, SealedSecret rewrapped) throws SQLException {
        Sql.update(c, "UPDATE vendor_hook_routes SET secret_wrapped_dek = ?, secret_kek_id = ? WHERE tenant_id = ?"
                + " AND id = ? AND secret_kek_id = ?", rewrapped.wrappedDek(), rewrapped.kekId(), tenant.value(),
                stored.ownerId(), stored.sealed().kekId());
    }
}
