package io.tillbridge.runs.queue;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.internal.RunRows;
import io.tillbridge.tenants.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction of one {@link RunLeases#commit}: scoped to the run's tenant, and holding the run's
 * queue row locked after its fencing token was checked, so that nobody can claim the run until this
 * transaction ends. Everything written through {@link #connection()} commits or rolls back together.
 *
 * <p>Only {@link RunLeases#commit} creates one, so code that takes a {@code RunTransaction} (the
 * ledger, the error inbox, shadow changes) can only write inside a transaction fenced by the run's
 * attempt: a taken-over attempt writes none of it.
 */
public final class RunTransaction {

    private final Connection connection;
    private final TenantId tenant;
    private final UUID runId;
    private final int attempt;

    RunTransaction(Connection connection, TenantId tenant, UUID runId, int attempt) {
        this.connection = connection;
        this.tenant = tenant;
        this.runId = runId;
        this.attempt = attempt;
    }

    /** The transaction's connection, scoped to {@link #tenant()}. */
    public Connection connection() {
        return connection;
    }

    public TenantId tenant() {
        return tenant;
    }

    public UUID runId() {
        return runId;
    }

    public int attempt() {
        return attempt;
    }

    /** Records how far the run has read: a later attempt resumes from here. */
    public void saveCheckpoint(Checkpoint checkpoint) throws SQLException {
        RunRows.saveCheckpoint(connection, runId, checkpoint.value());
    }

    /** Records the run's counts so far (totals). */
    public void saveCounts(RunCounts counts) throws SQLException {
        RunRows.saveCounts(connection, runId, counts);
    }

    /** Stores the source records a page handled (the last version per key), for replay. */
    public void saveRecords(Collection<SourceRecord> records) throws SQLException {
        saveRecords(records, Map.of());
    }

    /**
     * {@link #saveRecords(Collection)} with the canonical JSON of records' data that is at hand, by
     * source key ({@link io.tillbridge.runs.RecordJson#write}), so that it is not written again.
     */
    public void saveRecords(Collection<SourceRecord> records, Map<String, String> canonicalData) throws SQLException {
        if (!records.isEmpty()) {
            RunRows.saveRecords(connection, tenant.value(), runId, records, canonicalData);
        }
    }

    /** Marks the run as a shadow run: its checkpoints do not move the integration on. */
    public void markShadow() throws SQLException {
        RunRows.markShadow(connection, runId);
    }
}
