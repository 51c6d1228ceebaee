package io.tillbridge.support;

import io.tillbridge.audit.AuditLog;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.support.internal.TenantDirectory;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The support console's reads of tenants: search across all tenants, and one tenant's detail.
 * Both are audited, in the same transaction as the read: a search platform-wide
 * ({@value #SEARCHED}), a tenant's detail under that tenant ({@value #VIEWED}).
 */
@Singleton
public class SupportTenantService {

    public static final String SEARCHED = "support.tenants.searched";
    public static final String VIEWED = "support.tenant.viewed";
    private static final Duration RECENT = Duration.ofHours(24);

    private final TenantTransactions transactions;
    private final TenantDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    public SupportTenantService(TenantTransactions transactions, TenantDirectory directory, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** Tenants whose name, slug or a member's e-mail address contains the search text, by name. */
    public Page<TenantSummary> search(Staff staff, TenantSearch search, Integer limit, String cursor) {
        int size = Page.limit(limit);
        Optional<TenantDirectory.Position> after = position(cursor);
        List<TenantDirectory.Found> fetched = transactions.withoutTenant(c -> {
            List<TenantDirectory.Found> found = directory.search(c, search, after, size + 1);
            Map<String, Object> criteria = new LinkedHashMap<>();
            criteria.put("q", search.text());
            criteria.put("status", search.status());
            audit.append(c, null, staff.actor(), AuditLog.Entry.of(SEARCHED, "tenant", null).after(criteria));
            return found;
        });
        Page<TenantDirectory.Found> page = Page.of(fetched, size, f -> Cursor.of(f.sortKey(), f.tenant().id()));
        return new Page<>(page.items().stream().map(TenantDirectory.Found::tenant).toList(), page.nextCursor());
    }

    /** The tenant's plan, status, members, partner grants, integrations and health; 404 if none. */
    public TenantDetail detail(Staff staff, TenantId tenant) {
        return transactions.write(tenant, c -> {
            TenantDirectory.TenantRow row = directory.find(c, tenant).orElseThrow(SupportTenantService::noSuchTenant);
            TenantDetail detail = new TenantDetail(row.id(), row.slug(), row.name(), row.plan(), row.state().status(),
                    row.state().suspendedAt(), row.state().suspendedReason(), row.createdAt(),
                    directory.members(c, tenant), directory.partnerGrants(c, tenant), directory.integrations(c, tenant),
                    directory.health(c, tenant, clock.instant().minus(RECENT)));
            audit.append(c, tenant, staff.actor(), AuditLog.Entry.of(VIEWED, "tenant", tenant));
            return detail;
        });
    }

    static ProblemException noSuchTenant() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such tenant.");
    }

    private static Optional<TenantDirectory.Position> position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        Cursor decoded = Cursor.decode(cursor, 2);
        try {
            return Optional.of(new TenantDirectory.Position(decoded.get(0), UUID.fromString(decoded.get(1))));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }
}
