package io.tillbridge.credentials;

import io.tillbridge.tenants.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A table that keeps secrets sealed by the vault ({@link SecretVault#seal}) outside the vault's
 * own table, for example the signing secrets of webhook endpoints. Key rotation
 * ({@link SecretVault#rewrap}) re-wraps the data keys of every store, so no secret is left under a
 * key-encryption key that is about to be removed.
 */
public interface SealedSecretStore {

    /** One stored secret: whose it is, which field, and its sealed form. */
    record Stored(UUID ownerId, String field, SealedSecret sealed) {
    }

    /** What the store holds, for the log (e.g. {@code webhook signing secrets}). */
    String name();

    /**
     * Up to {@code limit} of the tenant's secrets whose data key another KEK than {@code kekId}
     * wraps, after {@code after} (null: from the first) in a stable order of owner and field,
     * locked for update, in the caller's transaction of {@code tenant}.
     */
    List<Stored> wrappedByOtherThan(TenantId tenant, Connection c, String kekId, Stored after, int limit)
            throws SQLException;

    /** Replaces the wrapping of {@code stored}'s data key (the ciphertext stays as it is). */
    void rewrap(TenantId tenant, Connection c, Stored stored, SealedSecret rewrapped) throws SQLException;
}
