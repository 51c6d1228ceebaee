package io.tillbridge.testing;

import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The lease of a run in the dispatch queue ({@code run_queue}, a platform table), read from the
 * shared test database as its owner. A test that needs a lease to run out gives it a short lease
 * and awaits its expiry here, rather than sleeping for longer than the lease.
 */
public final class LeaseExpiry {

    private LeaseExpiry() {
    }

    /** Whether the run's lease has run out by the database's clock (false while it has none). */
    public static boolean expired(UUID runId) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("SELECT lease_expires_at < now() FROM run_queue WHERE run_id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Waits until the run's lease has run out. */
    public static void awaitExpiry(UUID runId) {
        Await.until(Duration.ofSeconds(10), "the lease of run " + runId + " to run out", () -> expired(runId));
    }
}
