package io.tillbridge.connections.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The advisory lock that makes a connection's token refresh single-flight across processes. It is
 * a transaction lock: the commit or rollback of the caller's transaction releases it.
 */
public final class TokenLocks {

    // The advisory lock's first key: this lock's namespace (the bytes "toka"), so that it never
    // collides with the platform's other advisory locks.
    private static final int LOCK_NAMESPACE = 0x746f6b61;

    private TokenLocks() {
    }

    /** Waits for, then holds until the transaction ends, the token lock of one connection. */
    public static void lock(Connection c, TenantId tenant, UUID connectionId) throws SQLException {
        Sql.first(c, "SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> Boolean.TRUE,
                LOCK_NAMESPACE, tenant + "/" + connectionId);
    }
}
