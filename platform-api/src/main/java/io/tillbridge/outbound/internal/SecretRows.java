package io.tillbridge.outbound.internal;

import io.tillbridge.credentials.SealedSecret;
import io.tillbridge.credentials.SealedSecretStore;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The sealed signing secrets of outbound webhook subscriptions ({@code webhook_subscription_secrets}),
 * also a {@link SealedSecretStore} so that a key rotation re-wraps their data keys with the rest.
 */
@Singleton
public class SecretRows implements SealedSecretStore {

    /** The vault field each secret is bound to (with tenant and secret row id). */
    public static final String FIELD = "outbound-webhook-signing-secret";

    /** A stored secret: the row id it is bound to, sealed. */
    public record Row(UUID id, SealedSecret sealed, Instant expiresAt) {
    }

    @Override
    public String name() {
        return "outbound webhook signing secrets";
    }

    public static void insert(Connection c, UUID tenant, UUID id, UUID subscription, SealedSecret sealed, Instant now)
            throws SQLException {
        Sql.update(c, "INSERT INTO webhook_subscription_secrets (tenant_id, id, subscription_id, secret_ciphertext,"
                + " secret_nonce, secret_wrapped_dek, secret_kek_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, id, subscription, sealed.ciphertext(), sealed.nonce(), sealed.wrappedDek(), sealed.kekId(), now);
    }

    /** Lets the current secrets of {@code subscription} sign until {@code expiresAt}, and drops expired ones. */
    public static void retire(Connection c, UUID subscription, Instant now, Instant expiresAt) throws SQLException {
        Sql.update(c, "DELETE FROM webhook_subscription_secrets WHERE subscription_id = ? AND expires_at IS NOT NULL"
                + " AND expires_at <= ?", subscription, now);
        Sql.update(c, "UPDATE webhook_subscription_secrets SET expires_at = ? WHERE subscription_id = ?"
                + " AND expires_at IS NULL", expiresAt, subscription);
    }

    /** The secrets that sign at {@code now}: the current one first, then those in their overlap. */
    public static List<Row> signing(Connection c, UUID subscription, Instant now) throws SQLException {
        return Sql.list(c, "SELECT id, secret_ciphertext, secret_nonce, secret_wrapped_dek, secret_kek_id, expires_at"
                + " FROM webhook_subscription_secrets WHERE subscription_id = ? AND (expires_at IS NULL OR expires_at > ?)"
                + " ORDER BY expires_at DESC NULLS FIRST, created_at DESC LIMIT 5",
                rs -> new Row(Sql.uuid(rs, 1), new SealedSecret(rs.getBytes(2), rs.getBytes(3), rs.getBytes(4),
                        rs.getString(5)), Sql.instant(rs, 6)), subscription, now);
    }

    @Override
    public List<Stored> wrappedByOtherThan(TenantId tenant, Connection c, String kekId, Stored after, int limit)
            throws SQLException {
        return Sql.list(c, "SELECT id, secret_ciphertext, secret_nonce, secret_wrapped_dek, secret_kek_id"
                + " FROM webhook_subscription_secrets WHERE tenant_id = ? AND secret_kek_id <> ? AND id > ?"
                + " ORDER BY id LIMIT ? FOR UPDATE", rs -> new Stored(Sql.uuid(rs, 1), FIELD,
                new SealedSecret(rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5))),
                tenant.value(), kekId, after == null ? new UUID(0L, 0L) : after.ownerId(), limit);
    }

    @Override
    public void rewrap(TenantId tenant, Connection c, Stored stored, SealedSecret rewrapped) throws SQLException {
        Sql.update(c, "UPDATE webhook_subscription_secrets SET secret_wrapped_dek = ?, secret_kek_id = ?"
                + " WHERE tenant_id = ? AND id = ? AND secret_kek_id = ?", rewrapped.wrappedDek(), rewrapped.kekId(),
                tenant.value(), stored.ownerId(), stored.sealed().kekId());
    }
}
