package io.tillbridge.partners.web;

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
import io.tillbridge.access.Caller;
import io.tillbridge.paging.Page;
import io.tillbridge.partners.GrantedTenant;
import io.tillbridge.partners.PartnerGrants;

/** What a partner key sees first: the tenants that let its partner in. */
@Controller("/api/v1/partner/tenants")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Partner access")
public class PartnerTenantController {

    private final PartnerGrants grants;

    public PartnerTenantController(PartnerGrants grants) {
        this.grants = grants;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List the tenants that granted your partner access (API key only)",
            description = "Use a tenant's id in /api/v1/tenants/{tenantId}/... routes.")
    @ApiResponse(responseCode = "403", description = "Not called with a partner API key")
    public Page<GrantedTenant> list(
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        return grants.grantedTenants(Caller.of(authentication), cursor, limit);
    }
}
