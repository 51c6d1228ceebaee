package io.tillbridge.members.web;

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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.members.Invitation;
import io.tillbridge.members.InvitationService;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.IdempotentCreates;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** Invitations to join a tenant. */
@Controller("/api/v1/tenants/{tenantId}/invitations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Invitations", description = "Inviting people to join the tenant by e-mail")
public class InvitationsController {

    private final TenantAccess access;
    private final InvitationService invitations;
    private final IdempotentCreates idempotent;

    public InvitationsController(TenantAccess access, InvitationService invitations, IdempotentCreates idempotent) {
        this.access = access;
        this.invitations = invitations;
        this.idempotent = idempotent;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created and mailed; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Invitation.class)))
    @Operation(operationId = "createInvitation", summary = "Invite someone by e-mail", description = "Mails a link that is valid for 7 days and replaces"
            + " the address's pending invitations. Inviting an owner needs the owner role. Honours Idempotency-Key.")
    public HttpResponse<?> invite(@PathVariable UUID tenantId, @Body @Valid InviteRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.MANAGE_MEMBERS);
        return idempotent.run(request, authentication, idempotencyKey, body, () -> {
            Invitation created = invitations.invite(scope, body.email(), body.tenantRole());
            return HttpResponse.created(created, URI.create(request.getPath() + "/" + created.id()));
        });
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listInvitations", summary = "List the pending invitations, oldest first, one page at a time")
    public Page<Invitation> list(@PathVariable UUID tenantId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return invitations.listPending(scope, Optional.ofNullable(cursor), Page.limit(limit));
    }

    @Get(uri = "/{invitationId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getInvitation", summary = "Read an invitation, whatever its status")
    public Invitation get(@PathVariable UUID tenantId, @PathVariable UUID invitationId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return invitations.get(scope, invitationId);
    }

    @Delete(uri = "/{invitationId}")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Operation(operationId = "revokeInvitation", summary = "Revoke an invitation", description = "Its link stops working. An accepted invitation"
            + " cannot be revoked (409): remove the member instead.")
    public HttpResponse<Void> revoke(@PathVariable UUID tenantId, @PathVariable UUID invitationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.MANAGE_MEMBERS);
        invitations.revoke(scope, invitationId);
        return HttpResponse.noContent();
    }
}
