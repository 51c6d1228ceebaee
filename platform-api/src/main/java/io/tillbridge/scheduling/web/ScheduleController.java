package io.tillbridge.scheduling.web;

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
import io.tillbridge.platform.web.ETags;
import io.tillbridge.scheduling.Schedule;
import io.tillbridge.scheduling.ScheduleService;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.UUID;

/** An integration's schedule: when it runs by itself. */
@Controller("/api/v1/tenants/{tenantId}/integrations/{integrationId}/schedule")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Schedules", description = "When an integration runs by itself")
public class ScheduleController {

    private final TenantAccess access;
    private final ScheduleService schedules;

    public ScheduleController(TenantAccess access, ScheduleService schedules) {
        this.access = access;
        this.schedules = schedules;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSchedule", summary = "Read an integration's schedule and its next fire times",
            description = "404 when the integration has no schedule. Answers its version as the ETag.")
    public HttpResponse<Schedule> get(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return withETag(schedules.get(scope, integrationId));
    }

    @Put(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "putSchedule", summary = "Set an integration's schedule",
            description = "Either a Quartz cron expression (seconds first, e.g. 0 0 6 * * ? for 06:00 every day) in a"
                    + " time zone, or a fixed interval in seconds; neither may fire more often than the platform's"
                    + " minimum interval (60 s by default). Each fire queues a run with trigger schedule, unless a run"
                    + " of the integration is still queued; a paused integration or a suspended tenant gets none. Fire"
                    + " times missed while no scheduler ran are made up by one run, never one per missed time."
                    + " Creating needs no If-Match; replacing needs the current ETag.")
    public HttpResponse<Schedule> put(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Parameter(description = "The ETag read last; leave out to create") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid ScheduleRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        Optional<Integer> expected = ifMatch == null || ifMatch.isBlank() ? Optional.empty()
                : Optional.of(ETags.requireVersion(ifMatch));
        return withETag(schedules.put(scope, integrationId, expected, body.toDraft()));
    }

    @Delete
    @ApiResponse(responseCode = "204", description = "Removed: the integration no longer runs by itself")
    @Operation(operationId = "deleteSchedule", summary = "Remove an integration's schedule", description = "Needs If-Match.")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        schedules.delete(scope, integrationId, ETags.requireVersion(ifMatch));
        return HttpResponse.noContent();
    }

    private static HttpResponse<Schedule> withETag(Schedule schedule) {
        return HttpResponse.ok(schedule).header(HttpHeaders.ETAG, ETags.of(schedule.version()));
    }
}
