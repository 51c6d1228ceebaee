package io.tillbridge.audit.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditEntry;
import io.tillbridge.audit.AuditFilter;
import io.tillbridge.audit.AuditTrail;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.IdempotentCreates;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;

/**
 * A tenant's audit log: read by anyone who may read the tenant, annotated by those who may
 * configure it. There is no way to change or delete an entry.
 */
@Controller("/api/v1/tenants/{tenantId}/audit-log")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit log", description = "What was changed in a tenant, by whom, and when. Append-only.")
public class AuditLogController {

    private final TenantAccess access;
    private final AuditTrail trail;
    private final IdempotentCreates creates;

    public AuditLogController(TenantAccess access, AuditTrail trail, IdempotentCreates creates) {
        this.access = access;
        this.trail = trail;
        this.creates = creates;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listTenantAuditLog", summary = "List the tenant's audit log, newest first",
            description = "Needs read access to the tenant. Filters combine with AND. Pages are cursor-based:"
                    + " pass nextCursor back as cursor. before and after are the recorded states as JSON objects;"
                    + " values under secret-looking keys were redacted when the entry was written.")
    @ApiResponse(responseCode = "200", description = "A page of entries")
    @ApiResponse(responseCode = "400", description = "A filter, limit or cursor has the wrong form")
    @ApiResponse(responseCode = "403", description = "The tenant is suspended (tenant-suspended)")
    @ApiResponse(responseCode = "404", description = "No such tenant for this caller")
    public Page<AuditEntry> list(Authentication authentication, @PathVariable UUID tenantId,
            @Parameter(description = "Exact action, or a prefix ending in *", example = "support.*")
            @Nullable @QueryValue String action,
            @Parameter(description = "user, partner, support or system", example = "support")
            @Nullable @QueryValue String actorKind,
            @Parameter(description = "The actor's id", example = "9d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a")
            @Nullable @QueryValue String actorId,
            @Parameter(description = "The target's type", example = "tenant") @Nullable @QueryValue String targetType,
            @Parameter(description = "The target's id") @Nullable @QueryValue String targetId,
            @Parameter(description = "Entries at or after this time (ISO-8601 with offset)", example = "2026-11-26T00:00:00Z")
            @Nullable @QueryValue String from,
            @Parameter(description = "Entries before this time (ISO-8601 with offset)", example = "2026-11-27T00:00:00Z")
            @Nullable @QueryValue String to,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        AuditFilter filter = new AuditFilter(null, action, actorKind, actorId, targetType, targetId,
                AuditFilter.instant("from", from), AuditFilter.instant("to", to));
        return trail.inTenant(scope.tenant(), filter, limit, cursor);
    }

    @Get(value = "/{entryId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "showTenantAuditEntry", summary = "Show one entry of the tenant's audit log")
    @ApiResponse(responseCode = "200", description = "The entry")
    @ApiResponse(responseCode = "404", description = "No such tenant or entry for this caller")
    public AuditEntry show(Authentication authentication, @PathVariable UUID tenantId,
            @Parameter(example = "1042") @PathVariable long entryId) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return trail.entry(scope.tenant(), entryId);
    }

    @Post(value = "/notes", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "addTenantAuditNote", summary = "Add a note to the tenant's audit log",
            description = "Records a note.added entry with the text, by the caller. Needs configure access: owners"
                    + " and admins, partners with write scope, and support staff whose impersonation has write"
                    + " access confirmed. Supports Idempotency-Key.")
    @ApiResponse(responseCode = "201", description = "The note as recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEntry.class)))
    @ApiResponse(responseCode = "400", description = "The text is blank or longer than 2000 characters")
    @ApiResponse(responseCode = "403", description = "The caller may not configure this tenant, or the tenant is suspended")
    @ApiResponse(responseCode = "404", description = "No such tenant for this caller")
    public HttpResponse<?> addNote(HttpRequest<?> request, Authentication authentication, @PathVariable UUID tenantId,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first result")
            @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            @Body @Valid AddNoteRequest body) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        requireWriteAccess(scope);
        return creates.run(request, authentication, idempotencyKey, body, () -> {
            AuditEntry entry = trail.addNote(scope.tenant(), scope.actor(), body.text());
            return HttpResponse.created(entry,
                    URI.create("/api/v1/tenants/" + scope.tenant() + "/audit-log/" + entry.id()));
        });
    }

    /**
     * Configure access, with a detail that tells a support user why a read-only impersonation may
     * not write yet.
     */
    private static void requireWriteAccess(TenantScope scope) {
        if (!scope.may(Permission.CONFIGURE) && scope.actor().kind() == Actor.Kind.SUPPORT) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Read-only impersonation: confirm write access first"
                            + " (POST /api/v1/support/impersonations/{id}/confirm-write).");
        }
        scope.require(Permission.CONFIGURE);
    }
}
