package io.tillbridge.shadow.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.paging.Page;
import io.tillbridge.shadow.ShadowChange;
import io.tillbridge.shadow.ShadowChanges;
import io.tillbridge.shadow.ShadowSummary;
import java.util.Optional;
import java.util.UUID;

/** What a shadow run would have written: its changes and their summary. */
@Controller("/api/v1/tenants/{tenantId}/runs/{runId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Runs")
public class ShadowController {

    private final TenantAccess access;
    private final ShadowChanges changes;

    public ShadowController(TenantAccess access, ShadowChanges changes) {
        this.access = access;
        this.changes = changes;
    }

    @Get(uri = "/shadow-changes", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listShadowChanges", summary = "List what a shadow run would have written, by source key")
    public Page<ShadowChange> list(@PathVariable UUID tenantId, @PathVariable UUID runId,
            @Parameter(description = "create, update or unchanged") @Nullable @QueryValue String action,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return changes.list(scope, runId, action, Optional.ofNullable(cursor), Page.limit(limit));
    }

    @Get(uri = "/shadow-summary", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getShadowSummary", summary = "Count what a shadow run would have created, updated and left unchanged")
    public ShadowSummary summary(@PathVariable UUID tenantId, @PathVariable UUID runId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return changes.summary(scope, runId);
    }
}
