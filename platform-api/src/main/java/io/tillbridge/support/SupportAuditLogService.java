package io.tillbridge.support;

import io.tillbridge.audit.AuditEntry;
import io.tillbridge.audit.AuditFilter;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.audit.AuditTrail;
import io.tillbridge.paging.Page;
import io.tillbridge.tenants.TenantTransactions;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.inject.Singleton;

/**
 * The audit log across tenants, for support staff. Each search is itself recorded, platform-wide
 * ({@value #SEARCHED}), with its criteria.
 */
@Singleton
public class SupportAuditLogService {

    public static final String SEARCHED = "support.audit-log.searched";

    private final AuditTrail trail;
    private final TenantTransactions transactions;
    private final AuditLog audit;

    public SupportAuditLogService(AuditTrail trail, TenantTransactions transactions, AuditLog audit) {
        this.trail = trail;
        this.transactions = transactions;
        this.audit = audit;
    }

    public Page<AuditEntry> search(Staff staff, AuditFilter filter, Integer limit, String cursor) {
        Page<AuditEntry> page = trail.acrossTenants(filter, limit, cursor);
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("tenantId", filter.tenantId() == null ? null : filter.tenantId().toString());
        criteria.put("action", filter.action());
        criteria.put("actorKind", filter.actorKind());
        criteria.put("actorId", filter.actorId());
        criteria.put("targetType", filter.targetType());
        criteria.put("targetId", filter.targetId());
        criteria.put("from", filter.from() == null ? null : filter.from().toString());
        criteria.put("to", filter.to() == null ? null : filter.to().toString());
        transactions.withoutTenant(c -> audit.append(c, null, staff.actor(),
                AuditLog.Entry.of(SEARCHED, "audit-log", null).after(criteria)));
        return page;
    }
}
