package io.tillbridge.support;

import io.tillbridge.audit.AuditLog;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.support.internal.TenantDirectory;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Suspends and resumes tenants. While a tenant is suspended, tenant admission refuses its
 * members' and partners' API calls with 403 tenant-suspended (support staff can still read it
 * through an impersonation), and scheduled runs must not start: the scheduler asks
 * {@link #isActive(TenantId)} before it enqueues a tenant's run.
 */
@Singleton
public class TenantStatusService {

    public static final String SUSPENDED = "support.tenant.suspended";
    public static final String RESUMED = "support.tenant.resumed";

    private final TenantTransactions transactions;
    private final TenantDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    public TenantStatusService(TenantTransactions transactions, TenantDirectory directory, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Whether the tenant's scheduled work may run: it exists and is not suspended. For the
     * scheduler, which has no caller to check.
     */
    public boolean isActive(TenantId tenant) {
        return transactions.withoutTenant(c -> directory.isActive(c, tenant));
    }

    /** Suspends an active tenant; 409 if it is suspended already, 404 if there is none. */
    public TenantState suspend(Staff staff, TenantId tenant, String reason) {
        String why = new Reason(reason).text();
        return change(staff, tenant, new TenantState(tenant.value(), TenantState.SUSPENDED,
                clock.instant().truncatedTo(ChronoUnit.MICROS), why), SUSPENDED);
    }

    /** Resumes a suspended tenant; 409 if it is active, 404 if there is none. */
    public TenantState resume(Staff staff, TenantId tenant) {
        return change(staff, tenant, new TenantState(tenant.value(), TenantState.ACTIVE, null, null), RESUMED);
    }

    private TenantState change(Staff staff, TenantId tenant, TenantState next, String action) {
        return transactions.write(tenant, c -> {
            TenantState before = directory.lock(c, tenant).orElseThrow(SupportTenantService::noSuchTenant).state();
            if (before.status().equals(next.status())) {
                throw new ProblemException(ProblemType.CONFLICT, next.isSuspended()
                        ? "The tenant is suspended already (since " + before.suspendedAt() + ")."
                        : "The tenant is active; there is nothing to resume.");
            }
            directory.setState(c, next);
            audit.append(c, tenant, staff.actor(), AuditLog.Entry.of(action, "tenant", tenant)
                    .before(before.audited()).after(next.audited()));
            return next;
        });
    }
}
