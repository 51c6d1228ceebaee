package io.tillbridge.ledger;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.ledger.internal.SourceVersionRows;
import io.tillbridge.runs.queue.RunTransaction;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The source version each integration last wrote per source key (DD-028). The ledger keeps a hash
 * of the mapped output, which says whether a record changed but not which of two versions is newer;
 * this keeps the vendor's version, so that an event older than what was written is skipped, and so
 * that a refund can see whether its order was written from the same connection.
 */
@Singleton
public class SourceVersions {

    private final TenantTransactions tenants;

    public SourceVersions(TenantTransactions tenants) {
        this.tenants = tenants;
    }

    /** Records the versions of the written records, inside the run's fenced page transaction. */
    public void record(RunTransaction tx, UUID integrationId, UUID connectionId, String stream,
            Collection<SourceRecord> written) throws SQLException {
        List<SourceRecord> versioned = written.stream().filter(r -> !r.version().isEmpty()).toList();
        if (!versioned.isEmpty()) {
            SourceVersionRows.save(tx.connection(), tx.tenant().value(), integrationId, connectionId, stream, versioned);
        }
    }

    /** The written versions of {@code keys}, by key. */
    public Map<String, String> find(TenantId tenant, UUID integrationId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return tenants.read(tenant, c -> SourceVersionRows.find(c, integrationId, keys));
    }

    /** Whether some integration of the connection wrote {@code key} of one of {@code streams}. */
    public boolean written(TenantId tenant, UUID connectionId, Collection<String> streams, String key) {
        return tenants.read(tenant, c -> SourceVersionRows.written(c, connectionId, streams, key));
    }

    /**
     * Whether version {@code candidate} is older than {@code written}: both decimal integers
     * (Square's {@code version}) compared as numbers, both ISO-8601 instants ({@code updated_at})
     * compared as times; versions of different forms, or a missing one, are not ordered (false).
     */
    public static boolean older(String candidate, String written) {
        if (candidate == null || written == null || candidate.isEmpty() || written.isEmpty()) {
            return false;
        }
        if (candidate.chars().allMatch(Character::isDigit) && written.chars().allMatch(Character::isDigit)
                && candidate.length() <= 40 && written.length() <= 40) {
            return new BigInteger(candidate).compareTo(new BigInteger(written)) < 0;
        }
        try {
            return Instant.parse(candidate).isBefore(Instant.parse(written));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
