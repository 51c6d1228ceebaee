package io.tillbridge.integrations.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.ETags;
import io.tillbridge.platform.web.IdempotentCreates;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.web.RunView;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** The tenant's integrations, and starting and listing their runs. */
@Controller("/api/v1/tenants/{tenantId}/integrations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Integrations", description = "One stream of a source connection into one object of a target connection")
public class IntegrationsController {

    private final TenantAccess access;
    private final IntegrationService integrations;
    private final RunCommands runs;
    private final RunHistory history;
    private final IdempotentCreates idempotent;

    public IntegrationsController(TenantAccess access, IntegrationService integrations, RunCommands runs,
            RunHistory history, IdempotentCreates idempotent) {
        this.access = access;
        this.integrations = integrations;
        this.runs = runs;
        this.history = history;
        this.idempotent = idempotent;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listIntegrations", summary = "List the integrations, oldest first, one page at a time")
    public Page<Integration> list(@PathVariable UUID tenantId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return integrations.list(scope, Optional.ofNullable(cursor), Page.limit(limit));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created; Location names it and ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Integration.class)))
    @Operation(operationId = "createIntegration", summary = "Add an integration",
            description = "The source connection must be a source and the target connection a target, both of this"
                    + " tenant (422 otherwise). The mapping is identity: each source record becomes a target record"
                    + " with the same fields and key. In shadow mode (the default) runs write nothing to the target:"
                    + " they store what they would write (see a run's shadow changes); live runs write."
                    + " Honours Idempotency-Key.")
    public HttpResponse<?> create(@PathVariable UUID tenantId, @Body @Valid IntegrationRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return idempotent.run(request, authentication, idempotencyKey, body, () -> {
            Integration created = integrations.create(scope, body.toDraft());
            return HttpResponse.created(created, URI.create(request.getPath() + "/" + created.id()))
                    .header(HttpHeaders.ETAG, ETags.of(created.version()));
        });
    }

    @Get(uri = "/{integrationId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getIntegration", summary = "Read an integration", description = "Answers its version as the ETag.")
    public HttpResponse<Integration> get(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return withETag(integrations.get(scope, integrationId));
    }

    @Put(uri = "/{integrationId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateIntegration", summary = "Change an integration",
            description = "Needs If-Match. A mode left out keeps the current one.")
    public HttpResponse<Integration> update(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid IntegrationRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return withETag(integrations.update(scope, integrationId, ETags.requireVersion(ifMatch), body.toDraft()));
    }

    @Delete(uri = "/{integrationId}")
    @ApiResponse(responseCode = "204", description = "Deleted; its runs stay in the history")
    @Operation(operationId = "deleteIntegration", summary = "Delete an integration", description = "Needs If-Match.")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        integrations.delete(scope, integrationId, ETags.requireVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Post(uri = "/{integrationId}/pause", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "pauseIntegration", summary = "Pause an integration: it takes no new runs until resumed")
    public HttpResponse<Integration> pause(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return withETag(integrations.setPaused(scope, integrationId, true));
    }

    @Post(uri = "/{integrationId}/resume", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "resumeIntegration", summary = "Resume a paused integration")
    public HttpResponse<Integration> resume(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return withETag(integrations.setPaused(scope, integrationId, false));
    }

    @Post(uri = "/{integrationId}/runs", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "Queued; Location names the run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunStarted.class)))
    @Operation(operationId = "startRun", summary = "Run an integration now",
            description = "Queues a manual run; a worker picks it up. 409 while the integration is paused."
                    + " Honours Idempotency-Key.")
    public HttpResponse<?> startRun(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        return idempotent.run(request, authentication, idempotencyKey, null, () -> {
            UUID runId = integrations.runNow(scope, integrationId);
            return HttpResponse.status(HttpStatus.ACCEPTED)
                    .body(new RunStarted(runId, integrationId, "queued"))
                    .header(HttpHeaders.LOCATION, "/api/v1/tenants/" + tenantId + "/runs/" + runId);
        });
    }

    @Get(uri = "/{integrationId}/runs", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listRuns", summary = "List the runs of an integration, newest first, one page at a time")
    public Page<RunView> listRuns(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        integrations.get(scope, integrationId);
        Page<io.tillbridge.runs.Run> page = history.list(scope, integrationId, Optional.ofNullable(cursor), Page.limit(limit));
        return new Page<>(page.items().stream().map(r -> RunView.of(r, null)).toList(), page.nextCursor());
    }

    private static HttpResponse<Integration> withETag(Integration integration) {
        return HttpResponse.ok(integration).header(HttpHeaders.ETAG, ETags.of(integration.version()));
    }
}
