package io.tillbridge.partners.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.paging.Page;
import io.tillbridge.partners.PartnerGrant;
import io.tillbridge.partners.PartnerGrants;
import io.tillbridge.platform.web.IdempotentCreates;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;

/** The partners a tenant lets in. */
@Controller("/api/v1/tenants/{tenantId}/partner-grants")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Partner access", description = "Which partners' API keys may work in this tenant")
public class PartnerGrantController {

    private final TenantAccess access;
    private final PartnerGrants grants;
    private final IdempotentCreates idempotent;

    public PartnerGrantController(TenantAccess access, PartnerGrants grants, IdempotentCreates idempotent) {
        this.access = access;
        this.grants = grants;
        this.idempotent = idempotent;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List the partners with access, oldest grant first, one page at a time")
    public Page<PartnerGrant> list(@PathVariable UUID tenantId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return grants.list(scope, cursor, limit);
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Let a partner's keys into this tenant",
            description = "The keys get the permissions of their scopes here. Granting a partner that already has"
                    + " access answers 200 and changes nothing. A partner key cannot grant access to another partner."
                    + " Honours Idempotency-Key.")
    @ApiResponse(responseCode = "201", description = "Granted")
    @ApiResponse(responseCode = "200", description = "The partner already had access")
    @ApiResponse(responseCode = "422", description = "No partner has that id")
    public HttpResponse<?> grant(@PathVariable UUID tenantId, @Body @Valid CreatePartnerGrantRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return idempotent.run(request, authentication, idempotencyKey, body, () -> {
            PartnerGrants.Granted granted = grants.grant(Caller.of(authentication), scope, body.partnerId());
            URI location = URI.create(request.getPath() + "/" + body.partnerId());
            return granted.created()
                    ? HttpResponse.created(granted.grant(), location)
                    : HttpResponse.ok(granted.grant());
        });
    }

    @Get(uri = "/{partnerId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read one partner's grant", description = "404 when the partner has no access.")
    public PartnerGrant get(@PathVariable UUID tenantId, @PathVariable UUID partnerId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return grants.get(scope, partnerId);
    }

    @Delete(uri = "/{partnerId}")
    @Operation(summary = "Revoke a partner's access", description = "From the next request on, the partner's keys"
            + " answer 404 in this tenant. A partner key may revoke only its own partner's access.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    public HttpResponse<Void> revoke(@PathVariable UUID tenantId, @PathVariable UUID partnerId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        grants.revoke(Caller.of(authentication), scope, partnerId);
        return HttpResponse.noContent();
    }
}
