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
    private final List<SealedSecretStore> stores;
    private final Envelope envelope = new Envelope();

    /** A vault whose rotation covers its own table only. */
    public SecretVault(KeyEncryptionKeys keys, TenantTransactions transactions, SecretRepository repository) {
        this(keys, transactions, repository, List.of());
    }

    /** A vault whose rotation also covers {@code stores}: the other tables that keep secrets it sealed. */
    @jakarta.inject.Inject
    public SecretVault(KeyEncryptionKeys keys, TenantTransactions transactions, SecretRepository repository,
            List<SealedSecretStore> stores) {
        this.keys = keys;
        this.transactions = transactions;
        this.repository = repository;
        this.stores = List.copyOf(stores);
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
     * the active KEK, bound to (tenant, {@code ownerId}, {@code field}). The table that keeps it must be a
     * {@link SealedSecretStore}, so that {@link #rewrap} covers it.
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

    /** What a rotation did: data keys re-wrapped, and those that did not unwrap (damaged) and were left. */
    public record Rotation(long rewrapped, long failed) {
    }

    /**
     * Re-wraps every data key that another KEK wraps with the KEK {@code newKekId}: the vault's own
     * table and every {@link SealedSecretStore}, tenant by tenant, {@value #REWRAP_BATCH} secrets per
     * transaction. Ciphertexts are not decrypted or rewritten. Safe while the platform runs, and from
     * several processes at once: reads accept the old and the new KEK, a secret written meanwhile is
     * wrapped by the active KEK, and a data key is only replaced while the old KEK still wraps it.
     * Make {@code newKekId} the active KEK first, keep the old one among the previous KEKs until this
     * returns with nothing failed, then remove it. A data key that does not unwrap (damaged, or
     * wrapped by a KEK that is not configured) is logged and left as it is; the rest goes on.
     *
     * @throws IllegalArgumentException when {@code newKekId} is not configured
     */
    public Rotation rotate(String newKekId) {
        KeyEncryptionKeys.Kek target = keys.byId(newKekId)
                .orElseThrow(() -> new IllegalArgumentException("KEK " + newKekId + " is not configured"));
        List<TenantId> tenants = transactions.withoutTenant(repository::tenants);
        List<SealedSecretStore> all = new java.util.ArrayList<>();
        all.add(new ConnectionSecrets());
        all.addAll(stores);
        long total = 0;
        long failed = 0;
        for (SealedSecretStore store : all) {
            long inStore = 0;
            for (TenantId tenant : tenants) {
                SealedSecretStore.Stored after = null;
                while (true) {
                    SealedSecretStore.Stored from = after;
                    long[] counts = new long[2];
                    List<SealedSecretStore.Stored> rows = transactions.write(tenant, c -> {
                        List<SealedSecretStore.Stored> batch = store.wrappedByOtherThan(tenant, c, newKekId, from,
                                REWRAP_BATCH);
                        for (SealedSecretStore.Stored row : batch) {
                            try {
                                KeyEncryptionKeys.Kek old = keys.byId(row.sealed().kekId()).orElseThrow(() ->
                                        new SecretDecryptionException("wrapped by KEK " + row.sealed().kekId()
                                                + ", which is not configured", null));
                                store.rewrap(tenant, c, row, envelope.rewrap(old, target, row.sealed()));
                                counts[0]++;
                            } catch (SecretDecryptionException e) {
                                counts[1]++;
                                LOG.error("Rotation: the {} secret {} of {} (tenant {}) was left as it is: {}",
                                        store.name(), row.field(), row.ownerId(), tenant.value(), e.getMessage());
                            }
                        }
                        return batch;
                    });
                    inStore += counts[0];
                    failed += counts[1];
                    if (rows.size() < REWRAP_BATCH) {
                        break;
                    }
                    after = rows.get(rows.size() - 1);
                }
            }
            LOG.info("Re-wrapped {} data keys of {} with KEK {}", inStore, store.name(), newKekId);
            total += inStore;
        }
        if (failed > 0) {
            LOG.error("Rotation to KEK {}: {} data keys did not unwrap and still need their old KEK", newKekId, failed);
        } else {
            LOG.info("Rotation to KEK {} complete: {} data keys re-wrapped", newKekId, total);
        }
        return new Rotation(total, failed);
    }

    /** {@link #rotate}, answering how many data keys were re-wrapped. */
    public long rewrap(String newKekId) {
        return rotate(newKekId).rewrapped();
    }

    /** The vault's own table, connection secrets, seen as a store. */
    private final class ConnectionSecrets implements SealedSecretStore {

        @Override
        public String name() {
            return "connection secrets";
        }

        @Override
        public List<Stored> wrappedByOtherThan(TenantId tenant, Connection c, String kekId, Stored after, int limit)
                throws SQLException {
            SecretRepository.Row from = after == null ? null
                    : new SecretRepository.Row(after.ownerId(), after.field(), after.sealed());
            return repository.wrappedByOtherThan(tenant, c, kekId, from, limit).stream()
                    .map(r -> new Stored(r.connectionId(), r.field(), r.sealed())).toList();
        }

        @Override
        public void rewrap(TenantId tenant, Connection c, Stored stored, SealedSecret rewrapped) throws SQLException {
            repository.rewrap(tenant, c, new SecretRepository.Row(stored.ownerId(), stored.field(), stored.sealed()),
                    rewrapped);
        }
    }
}
