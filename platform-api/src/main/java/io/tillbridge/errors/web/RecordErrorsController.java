package io.tillbridge.errors.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.errors.ErrorCount;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.ErrorStatus;
import io.tillbridge.errors.RecordError;
import io.tillbridge.errors.RetryQueued;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The tenant's record error inbox: list, count, read, retry, resolve and ignore. */
@Controller("/api/v1/tenants/{tenantId}/record-errors")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Record errors", description = "Records that could not be written, with why; retry, resolve or ignore them")
public class RecordErrorsController {

    private final TenantAccess access;
    private final ErrorInbox inbox;

    public RecordErrorsController(TenantAccess access, ErrorInbox inbox) {
        this.access = access;
        this.inbox = inbox;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listRecordErrors", summary = "List record errors, newest first, filtered, one page at a time")
    public Page<RecordError> list(@PathVariable UUID tenantId,
            @Parameter(description = "Only this integration's errors") @Nullable @QueryValue UUID integrationId,
            @Parameter(description = "auth, mapping, value, unmapped_value, rate_limit, transient, rejected_by_target,"
                    + " duplicate or missing_reference") @Nullable @QueryValue String category,
            @Parameter(description = "open, resolved, ignored or retried") @Nullable @QueryValue String status,
            @Parameter(description = "Only errors last seen by this run") @Nullable @QueryValue UUID runId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return inbox.list(scope, filter(integrationId, category, status, runId), Optional.ofNullable(cursor),
                Page.limit(limit));
    }

    @Get(uri = "/counts", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "countRecordErrors", summary = "Count record errors by integration, category and status")
    public List<ErrorCount> counts(@PathVariable UUID tenantId,
            @Parameter(description = "Only this integration's errors") @Nullable @QueryValue UUID integrationId,
            @Parameter(description = "Only errors in this status") @Nullable @QueryValue String status,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return inbox.counts(scope, filter(integrationId, null, status, null));
    }

    @Get(uri = "/{errorId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRecordError", summary = "Read a record error with the stored source record")
    public RecordError get(@PathVariable UUID tenantId, @PathVariable UUID errorId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return inbox.get(scope, errorId);
    }

    @Post(uri = "/{errorId}/retry", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "The retry run queued")
    @Operation(operationId = "retryRecordError", summary = "Retry an open record error",
            description = "Queues a run with trigger retry that sends the stored source record through the mapping,"
                    + " the ledger and the target again. Written, the error is resolved; failing again, it is open"
                    + " again with one more occurrence. 409 unless the error is open.")
    public HttpResponse<RetryQueued> retry(@PathVariable UUID tenantId, @PathVariable UUID errorId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        return HttpResponse.status(HttpStatus.ACCEPTED).body(inbox.retry(scope, errorId));
    }

    @Post(uri = "/retry", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "The retry runs queued, one per integration")
    @Operation(operationId = "retryRecordErrors", summary = "Retry a selection of open record errors",
            description = "Either the listed ids (all open, 409 otherwise) or every open error of a category,"
                    + " optionally of one integration. Queues one retry run per integration.")
    public HttpResponse<RetryQueued> retrySelection(@PathVariable UUID tenantId, @Body RetryRequest body,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        boolean byIds = body.ids() != null && !body.ids().isEmpty();
        if (byIds == (body.category() != null) || (byIds && body.integrationId() != null)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "Give either ids, or a category with an optional integrationId.");
        }
        RetryQueued queued = byIds ? inbox.retry(scope, body.ids())
                : inbox.retryAll(scope, wire(body.category(), "category", ErrorCategory::fromWire), body.integrationId());
        return HttpResponse.status(HttpStatus.ACCEPTED).body(queued);
    }

    @Post(uri = "/{errorId}/resolve", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveRecordError", summary = "Mark a record error resolved")
    public RecordError resolve(@PathVariable UUID tenantId, @PathVariable UUID errorId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        return inbox.resolve(scope, errorId);
    }

    @Post(uri = "/{errorId}/ignore", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "ignoreRecordError", summary = "Ignore a record error: leave the record unwritten")
    public RecordError ignore(@PathVariable UUID tenantId, @PathVariable UUID errorId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        return inbox.ignore(scope, errorId);
    }

    private static ErrorFilter filter(UUID integrationId, String category, String status, UUID runId) {
        return new ErrorFilter(integrationId, category == null ? null : wire(category, "category", ErrorCategory::fromWire),
                status == null ? null : wire(status, "status", ErrorStatus::fromWire), runId);
    }

    private static <T> T wire(String value, String name, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, name + " " + value + " is not one of the listed values.");
        }
    }
}
