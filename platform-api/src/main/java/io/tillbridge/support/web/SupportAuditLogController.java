package io.tillbridge.support.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.audit.AuditEntry;
import io.tillbridge.audit.AuditFilter;
import io.tillbridge.paging.Page;
import io.tillbridge.support.StaffAccess;
import io.tillbridge.support.SupportAuditLogService;

/** The audit log across all tenants, for support staff. */
@Controller("/api/v1/support/audit-log")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Support console")
public class SupportAuditLogController {

    private final StaffAccess staff;
    private final SupportAuditLogService auditLog;

    public SupportAuditLogController(StaffAccess staff, SupportAuditLogService auditLog) {
        this.staff = staff;
        this.auditLog = auditLog;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchSupportAuditLog", summary = "List the audit log across tenants, newest first",
            description = "The same filters as a tenant's audit log, plus tenantId. Includes platform-wide entries"
                    + " (without tenantId). Each search is recorded as support.audit-log.searched.")
    @ApiResponse(responseCode = "200", description = "A page of entries")
    @ApiResponse(responseCode = "400", description = "A filter, limit or cursor has the wrong form")
    @ApiResponse(responseCode = "403", description = "The caller is not support staff")
    public Page<AuditEntry> list(Authentication authentication,
            @Parameter(description = "Only this tenant's entries", example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b")
            @Nullable @QueryValue String tenantId,
            @Parameter(description = "Exact action, or a prefix ending in *", example = "support.impersonation.*")
            @Nullable @QueryValue String action,
            @Parameter(description = "user, partner, support or system", example = "support")
            @Nullable @QueryValue String actorKind,
            @Parameter(description = "The actor's id") @Nullable @QueryValue String actorId,
            @Parameter(description = "The target's type", example = "impersonation") @Nullable @QueryValue String targetType,
            @Parameter(description = "The target's id") @Nullable @QueryValue String targetId,
            @Parameter(description = "Entries at or after this time (ISO-8601 with offset)", example = "2026-11-26T00:00:00Z")
            @Nullable @QueryValue String from,
            @Parameter(description = "Entries before this time (ISO-8601 with offset)", example = "2026-11-27T00:00:00Z")
            @Nullable @QueryValue String to,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor) {
        var caller = staff.require(authentication);
        AuditFilter filter = new AuditFilter(AuditFilter.tenant(tenantId), action, actorKind, actorId, targetType,
                targetId, AuditFilter.instant("from", from), AuditFilter.instant("to", to));
        return auditLog.search(caller, filter, limit, cursor);
    }
}
