package io.tillbridge.kpis.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.kpis.KpiCsv;
import io.tillbridge.kpis.KpiReport;
import io.tillbridge.kpis.KpiService;
import java.util.UUID;

/** KPIs and return on investment computed from runs, record errors and source activity. */
@Controller("/api/v1/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "KPIs", description = "Records synced, hours and money saved, errors caught, cost per 1,000 records,"
        + " completion times, uptime and error rate by day, week or month, against the tenant's targets")
public class KpisController {

    private final TenantAccess access;
    private final KpiService kpis;

    public KpisController(TenantAccess access, KpiService kpis) {
        this.access = access;
        this.kpis = kpis;
    }

    @Get(uri = "/kpis", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getKpis", summary = "The tenant's KPIs over a range of days, in total and per day, week"
            + " or month, with its targets and whether each KPI meets its target",
            description = "Buckets are UTC days, ISO weeks (from Monday) or calendar months; runs count in the bucket"
                    + " in which they finished. The range is at most 400 days.")
    @ApiResponse(responseCode = "200", description = "The KPIs")
    @ApiResponse(responseCode = "400", description = "A parameter has the wrong form, from is after to, or the range"
            + " is longer than 400 days")
    @ApiResponse(responseCode = "404", description = "No such tenant or integration for this caller")
    public KpiReport report(@PathVariable UUID tenantId, Authentication authentication,
            @Parameter(description = "First day, yyyy-MM-dd (default: 29 days before to)", example = "2026-11-01")
            @Nullable @QueryValue String from,
            @Parameter(description = "Last day, included, yyyy-MM-dd (default: today, UTC)", example = "2026-11-30")
            @Nullable @QueryValue String to,
            @Parameter(description = "day, week or month (default day)", example = "week") @Nullable @QueryValue String period,
            @Parameter(description = "One integration only") @Nullable @QueryValue String integrationId) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return kpis.report(scope, kpis.query(from, to, period, integrationId));
    }

    @Get(uri = "/kpis.csv", produces = "text/csv")
    @Operation(operationId = "getKpisCsv", summary = "The same KPIs as CSV, with a stable column order",
            description = "One row for the totals, one per bucket and one per location and bucket; see the README"
                    + " for the columns.")
    @ApiResponse(responseCode = "200", description = "The KPIs as CSV")
    @ApiResponse(responseCode = "400", description = "A parameter has the wrong form or the range is too long")
    @ApiResponse(responseCode = "404", description = "No such tenant or integration for this caller")
    public HttpResponse<String> csv(@PathVariable UUID tenantId, Authentication authentication,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String period,
            @Nullable @QueryValue String integrationId) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        KpiReport report = kpis.report(scope, kpis.query(from, to, period, integrationId));
        return HttpResponse.ok(KpiCsv.of(report))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"kpis-" + report.from() + "-"
                        + report.to() + ".csv\"");
    }
}
