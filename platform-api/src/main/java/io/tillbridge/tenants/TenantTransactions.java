package io.tillbridge.tenants;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.tillbridge.tenants.internal.TransactionTenant;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The one place where the platform tells PostgreSQL which tenant a transaction works for.
 *
 * <p>Every unit of tenant-owned work runs inside {@link #write} or {@link #read}: a transaction is
 * begun (or joined), {@code app.tenant_id} is set with {@code set_config(..., true)}, which lasts
 * only until the transaction ends, and row-level security then limits every statement to that
 * tenant's rows. A pooled connection therefore never carries one tenant's setting into the next
 * transaction. The tenant is also put in the logging context ({@value #MDC_KEY}) for the duration.
 */
@Singleton
public class TenantTransactions {

    /** The MDC key under which log lines carry the tenant id. */
    public static final String MDC_KEY = "tenant";

    private final TransactionOperations<Connection> transactions;

    public TenantTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Work done in a tenant's transaction, given the transaction's connection. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a read-write transaction scoped to {@code tenant}. */
    public <R> R write(TenantId tenant, Work<R> work) {
        return transactions.executeWrite(status -> scoped(tenant, status.getConnection(), work));
    }

    /** Runs {@code work} in a read-only transaction scoped to {@code tenant}. */
    public <R> R read(TenantId tenant, Work<R> work) {
        return transactions.executeRead(status -> scoped(tenant, status.getConnection(), work));
    }

    /**
     * Runs {@code work} in a read-write transaction with no tenant: for platform tables only
     * (tenants, users, memberships, partners, ...). Tenant tables show no rows here.
     */
    public <R> R withoutTenant(Work<R> work) {
        return transactions.executeWrite(status -> unscoped(status.getConnection(), work));
    }

    private static <R> R unscoped(Connection connection, Work<R> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException("Database error in a platform transaction: " + e.getMessage(), e);
        }
    }

    private static <R> R scoped(TenantId tenant, Connection connection, Work<R> work) {
        String previousLogTenant = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, tenant.toString());
        try {
            apply(connection, tenant);
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException("Database error in a transaction of tenant " + tenant + ": " + e.getMessage(), e);
        } finally {
            if (previousLogTenant == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previousLogTenant);
            }
        }
    }

    /**
     * Sets the transaction's tenant. Joining a transaction that already works for another tenant
     * is a programming error and is refused rather than silently switching tenants mid-way.
     */
    private static void apply(Connection connection, TenantId tenant) throws SQLException {
        Optional<String> before = TransactionTenant.set(connection, tenant);
        if (before.isPresent() && !before.get().equals(tenant.toString())) {
            throw new IllegalStateException("A transaction of tenant " + before.get()
                    + " cannot be joined by work for tenant " + tenant);
        }
    }
}
