package io.tillbridge.support.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import io.tillbridge.paging.Page;
import io.tillbridge.support.StaffAccess;
import io.tillbridge.support.SupportTenantService;
import io.tillbridge.support.TenantDetail;
import io.tillbridge.support.TenantSearch;
import io.tillbridge.support.TenantState;
import io.tillbridge.support.TenantStatusService;
import io.tillbridge.support.TenantSummary;
import io.tillbridge.tenants.TenantId;
import jakarta.validation.Valid;
import java.util.UUID;

/** The support console's tenants: search, detail, suspend and resume. Staff only. */
@Controller("/api/v1/support/tenants")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Support console", description = "For support staff (platform role support or superadmin) only;"
        + " anyone else gets 403. Every read and change is audited.")
public class SupportTenantsController {

    private final StaffAccess staff;
    private final SupportTenantService tenants;
    private final TenantStatusService status;

    public SupportTenantsController(StaffAccess staff, SupportTenantService tenants, TenantStatusService status) {
        this.staff = staff;
        this.tenants = tenants;
        this.status = status;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchSupportTenants", summary = "Search tenants by name, slug or member e-mail",
            description = "Case-insensitive substring match on the tenant's name or slug, or on the e-mail address of"
                    + " any member. Ordered by name. Recorded in the audit log as support.tenants.searched.")
    @ApiResponse(responseCode = "200", description = "A page of tenants")
    @ApiResponse(responseCode = "400", description = "status, limit or cursor has the wrong form")
    @ApiResponse(responseCode = "403", description = "The caller is not support staff")
    public Page<TenantSummary> search(Authentication authentication,
            @Parameter(description = "Part of a name, slug or member e-mail", example = "bakery") @Nullable @QueryValue String q,
            @Parameter(description = "active or suspended", example = "suspended") @Nullable @QueryValue String status,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor) {
        return tenants.search(staff.require(authentication), new TenantSearch(q, status), limit, cursor);
    }

    @Get(value = "/{tenantId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "showSupportTenant", summary = "Show a tenant: plan, status, users, partner grants, integrations and health",
            description = "integrations lists the tenant's integrations (name, stream, object, mode, status)."
                    + " The health summary counts members, locations, the audit events of the last 24 hours and the"
                    + " time of the last one (the support console's own records and refused cross-tenant attempts"
                    + " are not activity). Recorded in the tenant's audit log as support.tenant.viewed.")
    @ApiResponse(responseCode = "200", description = "The tenant")
    @ApiResponse(responseCode = "403", description = "The caller is not support staff")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    public TenantDetail show(Authentication authentication, @PathVariable UUID tenantId) {
        return tenants.detail(staff.require(authentication), new TenantId(tenantId));
    }

    @Post(value = "/{tenantId}/suspend", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "suspendTenant", summary = "Suspend a tenant",
            description = "Its members' and partners' API calls then answer 403 tenant-suspended and its scheduled"
                    + " runs stop; its data is kept. Support can still read it through an impersonation. Recorded in"
                    + " the tenant's audit log as support.tenant.suspended with the state before and after.")
    @ApiResponse(responseCode = "200", description = "The tenant's new state")
    @ApiResponse(responseCode = "400", description = "The reason is missing, shorter than 3 or longer than 500 characters")
    @ApiResponse(responseCode = "403", description = "The caller is not support staff")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    @ApiResponse(responseCode = "409", description = "The tenant is suspended already")
    public TenantState suspend(Authentication authentication, @PathVariable UUID tenantId,
            @Body @Valid SuspendRequest body) {
        return status.suspend(staff.require(authentication), new TenantId(tenantId), body.reason());
    }

    @Post(value = "/{tenantId}/resume", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "resumeTenant", summary = "Resume a suspended tenant",
            description = "Clears the suspension; the tenant's API calls work again. No request body. Recorded in the"
                    + " tenant's audit log as support.tenant.resumed with the state before and after.")
    @ApiResponse(responseCode = "200", description = "The tenant's new state")
    @ApiResponse(responseCode = "403", description = "The caller is not support staff")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    @ApiResponse(responseCode = "409", description = "The tenant is active")
    public TenantState resume(Authentication authentication, @PathVariable UUID tenantId) {
        return status.resume(staff.require(authentication), new TenantId(tenantId));
    }
}
