package io.tillbridge.runs;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.runs.internal.RunRows;
import io.tillbridge.tenants.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The transaction of one {@link RunQueue#commit}: scoped to the run's tenant, and holding the run's
 * queue row locked after its fencing token was checked, so that nobody can claim the run until this
 * transaction ends. Everything written through {@link #connection()} commits or rolls back together.
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
        RunRows.update(connection, "UPDATE runs SET checkpoint_after = ? WHERE id = ?", checkpoint.value(), runId);
    }

    /** Records the run's counts so far (totals). */
    public void saveCounts(RunCounts counts) throws SQLException {
        RunRows.saveCounts(connection, runId, counts);
    }
}
