package io.tillbridge.runs.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunFilter;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/** A tenant's run history: runs filtered, one run in detail, cancelling and replaying it. */
@Controller("/api/v1/tenants/{tenantId}/runs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Runs", description = "Runs of integrations: status, counts, checkpoints, errors and events")
public class RunsController {

    private final TenantAccess access;
    private final RunCommands runs;
    private final RunHistory history;

    public RunsController(TenantAccess access, RunCommands runs, RunHistory history) {
        this.access = access;
        this.runs = runs;
        this.history = history;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listTenantRuns", summary = "List the tenant's runs, newest first, filtered, one page at a time")
    public Page<RunView> list(@PathVariable UUID tenantId,
            @Parameter(description = "queued, running, succeeded, failed or cancelled") @Nullable @QueryValue String status,
            @Parameter(description = "manual, schedule, webhook, retry or replay") @Nullable @QueryValue String trigger,
            @Parameter(description = "Only runs of this integration") @Nullable @QueryValue UUID integrationId,
            @Parameter(description = "Runs queued at or after this instant (ISO-8601)") @Nullable @QueryValue String from,
            @Parameter(description = "Runs queued before this instant (ISO-8601)") @Nullable @QueryValue String to,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        RunFilter filter = new RunFilter(status == null ? null : wire(status, "status", RunStatus::fromWire),
                trigger == null ? null : wire(trigger, "trigger", RunTrigger::fromWire), integrationId,
                instant(from, "from"), instant(to, "to"));
        Page<Run> page = history.list(scope, filter, Optional.ofNullable(cursor), Page.limit(limit));
        return new Page<>(page.items().stream().map(r -> RunView.of(r, null)).toList(), page.nextCursor());
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

    @Post(uri = "/{runId}/replay", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "Queued; Location names the replay run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayQueued.class)))
    @Operation(operationId = "replayRun", summary = "Replay a run: re-process the source records it stored",
            description = "Queues a run with trigger replay that sends the records the run read through the mapping"
                    + " and the ledger again; records the target already has in this version are skipped, so"
                    + " replaying an unchanged run writes nothing. Answers 202 with the new run's Location; 409 when"
                    + " retention has purged the records the run stored.")
    public HttpResponse<?> replay(@PathVariable UUID tenantId, @PathVariable UUID runId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        UUID replay = runs.enqueueReplay(scope, runId);
        return HttpResponse.status(HttpStatus.ACCEPTED)
                .body(new ReplayQueued(replay, runId, "queued"))
                .header(HttpHeaders.LOCATION, "/api/v1/tenants/" + tenantId + "/runs/" + replay);
    }

    private RunView view(TenantScope scope, UUID runId) {
        Run run = history.find(scope.tenant(), runId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such run."));
        return RunView.of(run, history.events(scope.tenant(), runId));
    }

    private static <T> T wire(String value, String name, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, name + " " + value + " is not one of the listed values.");
        }
    }

    private static Instant instant(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, name + " must be an ISO-8601 instant such as"
                    + " 2026-01-31T00:00:00Z.");
        }
    }
}
