package io.tillbridge.credentials;

import io.tillbridge.credentials.internal.SecretRepository;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets vault of connection credentials (DD-008). Values are sealed with envelope
 * encryption ({@link Envelope}) and bound to (tenant, connection, field); reads accept any
 * configured KEK, writes use the active one, and {@link #rewrap} moves every data key to a new KEK
 * without decrypting a single value, batch by batch, while the platform keeps running.
 *
 * <p>Reads and writes take the connection of the caller's tenant transaction, so a secret commits
 * or rolls back with the change that set it.
 */
@Singleton
public class SecretVault {

    private static final Logger LOG = LoggerFactory.getLogger(SecretVault.class);
    /** Secrets re-wrapped per transaction. */
    static final int REWRAP_BATCH = 200;

    private final KeyEncryptionKeys keys;
    private final TenantTransactions transactions;
    private final SecretRepository repository;
    private final Envelope envelope = new Envelope();

    public SecretVault(KeyEncryptionKeys keys, TenantTransactions transactions, SecretRepository repository) {
        this.keys = keys;
        this.transactions = transactions;
        this.repository = repository;
    }

    /** Stores (or replaces) one secret field of a connection, sealed under the active KEK. */
    public void put(Connection c, TenantId tenant, UUID connectionId, String field, Secret value) throws SQLException {
        SecretBinding binding = new SecretBinding(tenant, connectionId, field);
        repository.upsert(tenant, c, connectionId, field, envelope.seal(keys.active(), binding, value));
    }

    /** The names of the connection's stored secret fields; decrypts nothing. */
    public Set<String> fields(Connection c, TenantId tenant, UUID connectionId) throws SQLException {
        return repository.find(tenant, c, connectionId).keySet();
    }

    /**
     * The connection's secrets, decrypted, by field name.
     *
     * @throws SecretDecryptionException when one does not decrypt (altered, moved, or its KEK is
     *     no longer configured)
     */
    public Map<String, Secret> open(Connection c, TenantId tenant, UUID connectionId) throws SQLException {
        Map<String, Secret> out = new LinkedHashMap<>();
        for (Map.Entry<String, SealedSecret> e : repository.find(tenant, c, connectionId).entrySet()) {
            SealedSecret sealed = e.getValue();
            SecretBinding binding = new SecretBinding(tenant, connectionId, e.getKey());
            KeyEncryptionKeys.Kek kek = keys.byId(sealed.kekId()).orElseThrow(() -> new SecretDecryptionException(
                    "The secret " + binding.field() + " of connection " + connectionId + " is wrapped by KEK "
                            + sealed.kekId() + ", which is not configured", null));
            out.put(e.getKey(), envelope.open(kek, binding, sealed));
        }
        return out;
    }

    /**
     * Seals a secret that its owner stores itself (e.g. a webhook endpoint's signing secret), under
     * the active KEK, bound to (tenant, {@code ownerId}, {@code field}). Not covered by {@link #rewrap}.
     */
    public SealedSecret seal(TenantId tenant, UUID ownerId, String field, Secret value) {
        return envelope.seal(keys.active(), new SecretBinding(tenant, ownerId, field), value);
    }

    /** Opens a secret sealed by {@link #seal(TenantId, UUID, String, Secret)} with the same binding. */
    public Secret open(TenantId tenant, UUID ownerId, String field, SealedSecret sealed) {
        SecretBinding binding = new SecretBinding(tenant, ownerId, field);
        KeyEncryptionKeys.Kek kek = keys.byId(sealed.kekId()).orElseThrow(() -> new SecretDecryptionException(
                "The secret " + field + " of " + ownerId + " is wrapped by KEK " + sealed.kekId()
                        + ", which is not configured", null));
        return envelope.open(kek, binding, sealed);
    }

    public void remove(Connection c, TenantId tenant, UUID connectionId, String field) throws SQLException {
        repository.delete(tenant, c, connectionId, field);
    }

    public void removeAll(Connection c, TenantId tenant, UUID connectionId) throws SQLException {
        repository.deleteAll(tenant, c, connectionId);
    }

    /**
     * Re-wraps every data key that another KEK wraps with the KEK {@code newKekId}, tenant by
     * tenant, {@value #REWRAP_BATCH} secrets per transaction. Ciphertexts are not decrypted or
     * rewritten. Safe while the platform runs: reads accept the old and the new KEK, and a secret
     * written meanwhile is wrapped by the active KEK. Make {@code newKekId} the active KEK first,
     * keep the old one among the previous KEKs until this returns, then remove it.
     *
     * @return how many data keys were re-wrapped
     * @throws IllegalArgumentException when {@code newKekId} is not configured
     */
    public long rewrap(String newKekId) {
        KeyEncryptionKeys.Kek target = keys.byId(newKekId)
                .orElseThrow(() -> new IllegalArgumentException("KEK " + newKekId + " is not configured"));
        List<TenantId> tenants = transactions.withoutTenant(repository::tenants);
        long total = 0;
        for (TenantId tenant : tenants) {
            int done;
            do {
                done = transactions.write(tenant, c -> {
                    List<SecretRepository.Row> rows = repository.wrappedByOtherThan(tenant, c, newKekId, REWRAP_BATCH);
                    for (SecretRepository.Row row : rows) {
                        KeyEncryptionKeys.Kek from = keys.byId(row.sealed().kekId()).orElseThrow(() ->
                                new SecretDecryptionException("A secret of connection " + row.connectionId()
                                        + " is wrapped by KEK " + row.sealed().kekId() + ", which is not configured", null));
                        repository.rewrap(tenant, c, row, envelope.rewrap(from, target, row.sealed()));
                    }
                    return rows.size();
                });
                total += done;
            } while (done == REWRAP_BATCH);
        }
        LOG.info("Re-wrapped {} data keys with KEK {}", total, newKekId);
        return total;
    }
}
