package io.tillbridge.ledger;

import io.tillbridge.ledger.internal.LedgerRows;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.runs.queue.RunTransaction;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * The exactly-once ledger (DD-012): per tenant, integration and source key, the hash of the version
 * last written to the target and the target's reference to it. A run skips records whose hash is
 * the ledger's, writes the others with an idempotency key derived from the ledger key, and records
 * what it wrote in the same fenced transaction as the page's checkpoint ({@link RunTransaction}).
 */
@Singleton
public class Ledger {

    private final TenantTransactions tenants;

    public Ledger(TenantTransactions tenants) {
        this.tenants = tenants;
    }

    /**
     * The idempotency key of a record: URL-safe base64 (no padding) of SHA-256 over tenant,
     * integration and source key. The same record gets the same key on every run and retry.
     */
    public static String idempotencyKey(TenantId tenant, UUID integrationId, String sourceKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                sha256(tenant.value() + "|" + integrationId + "|" + sourceKey));
    }

    /**
     * The version hash of a source record as an integration writes it: hex SHA-256 over the
     * mapping's identity, the target (connection and object) and the canonical JSON of the record's
     * data. A changed mapping or target therefore rewrites every record once.
     */
    public static String versionHash(String mappingIdentity, String target, Map<String, Object> data) {
        return versionHashOfCanonical(mappingIdentity, target, RecordJson.write(data));
    }

    /** {@link #versionHash} of data whose canonical JSON ({@link RecordJson#write}) is at hand. */
    public static String versionHashOfCanonical(String mappingIdentity, String target, String canonicalData) {
        return HexFormat.of().formatHex(sha256(mappingIdentity + "\n" + target + "\n" + canonicalData));
    }

    /** The entries of {@code sourceKeys} that the ledger has, by source key. */
    public Map<String, LedgerEntry> find(TenantId tenant, UUID integrationId, Collection<String> sourceKeys) {
        if (sourceKeys.isEmpty()) {
            return Map.of();
        }
        return tenants.read(tenant, c -> LedgerRows.find(c, integrationId, sourceKeys));
    }

    /** Records what the run wrote, inside the run's fenced page transaction. */
    public void record(RunTransaction tx, UUID integrationId, Collection<LedgerEntry> written) throws SQLException {
        if (written.isEmpty()) {
            return;
        }
        LedgerRows.save(tx.connection(), tx.tenant().value(), integrationId, tx.runId(), written);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
