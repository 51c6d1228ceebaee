package io.tillbridge.runs.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunQueue;
import java.util.UUID;

/** A tenant's run history: one run in detail, and cancelling it. */
@Controller("/api/v1/tenants/{tenantId}/runs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Runs", description = "Runs of integrations: status, counts, checkpoints, errors and events")
public class RunsController {

    private final TenantAccess access;
    private final RunQueue runs;

    public RunsController(TenantAccess access, RunQueue runs) {
        this.access = access;
        this.runs = runs;
    }

    @Get(uri = "/{runId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRun", summary = "Read a run with its counts, checkpoints, error and events")
    public RunView get(@PathVariable UUID tenantId, @PathVariable UUID runId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return view(scope, runId);
    }

    @Post(uri = "/{runId}/cancel", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelRun", summary = "Ask to cancel a run",
            description = "A queued run is cancelled at once; a running run stops at its next page and finishes as"
                    + " cancelled; a finished run is left as it is. Answers the run.")
    public RunView cancel(@PathVariable UUID tenantId, @PathVariable UUID runId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        runs.requestCancel(scope, runId);
        return view(scope, runId);
    }

    private RunView view(TenantScope scope, UUID runId) {
        Run run = runs.find(scope.tenant(), runId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such run."));
        return RunView.of(run, runs.events(scope.tenant(), runId));
    }
}
