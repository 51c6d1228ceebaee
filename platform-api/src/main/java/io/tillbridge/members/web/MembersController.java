package io.tillbridge.members.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
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
import io.tillbridge.members.Member;
import io.tillbridge.members.MemberService;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.ETags;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.UUID;

/** The members of a tenant and their roles. */
@Controller("/api/v1/tenants/{tenantId}/members")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Members", description = "Who belongs to the tenant, with which role")
public class MembersController {

    private final TenantAccess access;
    private final MemberService members;

    public MembersController(TenantAccess access, MemberService members) {
        this.access = access;
        this.members = members;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listMembers", summary = "List the members, in the order they joined, one page at a time")
    public Page<Member> list(@PathVariable UUID tenantId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return members.list(scope, Optional.ofNullable(cursor), Page.limit(limit));
    }

    @Get(uri = "/{userId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMember", summary = "Read a member", description = "Answers the membership's version as the ETag.")
    public HttpResponse<Member> get(@PathVariable UUID tenantId, @PathVariable UUID userId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return withETag(members.get(scope, userId));
    }

    @Put(uri = "/{userId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role", description = "Making or demoting an owner needs the owner role."
            + " The last owner cannot be demoted (409 last-owner). Needs If-Match: 428 without it, 412 when stale.")
    public HttpResponse<Member> changeRole(@PathVariable UUID tenantId, @PathVariable UUID userId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid ChangeRoleRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.MANAGE_MEMBERS);
        return withETag(members.changeRole(scope, userId, ETags.requireVersion(ifMatch), body.tenantRole()));
    }

    @Delete(uri = "/{userId}")
    @ApiResponse(responseCode = "204", description = "Removed")
    @Operation(operationId = "removeMember", summary = "Remove a member from the tenant", description = "Removing an owner needs the owner role."
            + " The last owner cannot be removed (409 last-owner).")
    public HttpResponse<Void> remove(@PathVariable UUID tenantId, @PathVariable UUID userId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.MANAGE_MEMBERS);
        members.remove(scope, userId);
        return HttpResponse.noContent();
    }

    private static HttpResponse<Member> withETag(Member member) {
        return HttpResponse.ok(member).header(HttpHeaders.ETAG, ETags.of(member.version()));
    }
}
