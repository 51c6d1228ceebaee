package io.tillbridge.support.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.paging.Page;
import io.tillbridge.support.Impersonation;
import io.tillbridge.support.ImpersonationGrant;
import io.tillbridge.support.ImpersonationService;
import io.tillbridge.support.StaffAccess;
import io.tillbridge.tenants.TenantId;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;

/** Support staff's time-limited, audited access to a tenant. */
@Controller("/api/v1/support")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Support console")
public class ImpersonationsController {

    private final StaffAccess staff;
    private final ImpersonationService impersonations;

    public ImpersonationsController(StaffAccess staff, ImpersonationService impersonations) {
        this.staff = staff;
        this.impersonations = impersonations;
    }

    @Post(value = "/tenants/{tenantId}/impersonations", consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "startImpersonation", summary = "Start a read-only impersonation of a tenant",
            description = "Returns an access token for the tenant's own routes (/api/v1/tenants/{tenantId}/...),"
                    + " read-only until write access is confirmed. The session lasts minutes (default 30, at most"
                    + " 120); the token expires with it at the latest. Recorded in the tenant's audit log as"
                    + " support.impersonation.started. Not idempotent: the response carries a bearer token, which the"
                    + " platform does not store, so a retry starts a second session (also audited, also expiring).")
    @ApiResponse(responseCode = "201", description = "The session and its token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImpersonationGrant.class)))
    @ApiResponse(responseCode = "400", description = "The reason is missing or has fewer than 3 or more than 500"
            + " characters, or minutes is outside 1 to 120")
    @ApiResponse(responseCode = "403", description = "The caller is not support staff")
    @ApiResponse(responseCode = "404", description = "No such tenant")
    public HttpResponse<ImpersonationGrant> start(Authentication authentication, @PathVariable UUID tenantId,
            @Body @Valid StartImpersonationRequest body) {
        ImpersonationGrant grant = impersonations.start(staff.require(authentication), new TenantId(tenantId),
                body.reason(), body.minutes());
        return HttpResponse.created(grant, URI.create("/api/v1/support/impersonations/" + grant.impersonationId()));
    }

    @Get(value = "/impersonations", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listOwnImpersonations", summary = "List your own impersonation sessions, newest first")
    @ApiResponse(responseCode = "200", description = "A page of sessions")
    @ApiResponse(responseCode = "403", description = "The caller is not support staff")
    public Page<Impersonation> mine(Authentication authentication,
            @Parameter(description = "true: live sessions only; false: ended or expired ones only; absent: all",
                    example = "true") @Nullable @QueryValue Boolean active,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor) {
        return impersonations.mine(staff.require(authentication), active, limit, cursor);
    }

    @Post(value = "/impersonations/{id}/confirm-write", consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmImpersonationWrite", summary = "Confirm write access for your impersonation",
            description = "A deliberate act: confirmation must be the tenant's slug, exactly. Returns a fresh token;"
                    + " from then on the session may do what a tenant admin may. Recorded in the tenant's audit log as"
                    + " support.impersonation.write-confirmed.")
    @ApiResponse(responseCode = "200", description = "A fresh token with write access")
    @ApiResponse(responseCode = "403", description = "Not staff, or not the support user who started the session")
    @ApiResponse(responseCode = "404", description = "No such impersonation")
    @ApiResponse(responseCode = "409", description = "The session has ended or expired")
    @ApiResponse(responseCode = "422", description = "The confirmation is not the tenant's slug")
    public ImpersonationGrant confirmWrite(Authentication authentication, @PathVariable UUID id,
            @Body @Valid ConfirmWriteRequest body) {
        return impersonations.confirmWrite(staff.require(authentication), id, body.confirmation());
    }

    @Post(value = "/impersonations/{id}/tokens", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "renewImpersonationToken", summary = "Get a fresh token for your live impersonation",
            description = "Tokens may expire before the session does (the platform's token lifetime is short); this"
                    + " issues another, never beyond the session's expiry. No request body. Recorded in the tenant's"
                    + " audit log as support.impersonation.renewed.")
    @ApiResponse(responseCode = "200", description = "A fresh token")
    @ApiResponse(responseCode = "403", description = "Not staff, or not the support user who started the session")
    @ApiResponse(responseCode = "404", description = "No such impersonation")
    @ApiResponse(responseCode = "409", description = "The session has ended or expired")
    public ImpersonationGrant renew(Authentication authentication, @PathVariable UUID id) {
        return impersonations.renew(staff.require(authentication), id);
    }

    @Post(value = "/impersonations/{id}/end", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "endImpersonation", summary = "End your impersonation",
            description = "Its tokens stop working at once. Ending an ended session changes nothing. No request body."
                    + " Recorded in the tenant's audit log as support.impersonation.ended.")
    @ApiResponse(responseCode = "200", description = "The ended session")
    @ApiResponse(responseCode = "403", description = "Not staff, or not the support user who started the session")
    @ApiResponse(responseCode = "404", description = "No such impersonation")
    public Impersonation end(Authentication authentication, @PathVariable UUID id) {
        return impersonations.end(staff.require(authentication), id);
    }
}
