package io.tillbridge.reconciliation.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
import io.tillbridge.reconciliation.Reconciliation;
import io.tillbridge.reconciliation.ReconciliationCsv;
import io.tillbridge.reconciliation.ReconciliationService;
import java.util.UUID;

/** A journal integration's POS totals against what its accounting target holds, per location and business day. */
@Controller("/api/v1/tenants/{tenantId}/integrations/{integrationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Reconciliation", description = "Per location and business day: the POS totals by posting family"
        + " (sales, discounts, tax, tips, gift cards, tenders by kind, fees, refunds) against the journal the"
        + " target holds: matched, differing (by family and amount), missing, or pending")
public class ReconciliationController {

    private final TenantAccess access;
    private final ReconciliationService reconciliation;

    public ReconciliationController(TenantAccess access, ReconciliationService reconciliation) {
        this.access = access;
        this.reconciliation = reconciliation;
    }

    @Get(uri = "/reconciliation", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "getReconciliation", summary = "The integration's days reconciled against its target",
            description = "The source is read in full and mapped as a run would; the target is asked for the same"
                    + " documents. At most 92 days. With Accept: text/csv the same as CSV.")
    @ApiResponse(responseCode = "200", description = "One entry per business day, location and currency")
    @ApiResponse(responseCode = "400", description = "from or to has the wrong form, from is after to, or the range"
            + " is longer than 92 days (the problem names the field)")
    @ApiResponse(responseCode = "404", description = "No such tenant or integration for this caller")
    @ApiResponse(responseCode = "422", description = "The integration makes no journal documents, or its source is"
            + " too large to reconcile at once")
    @ApiResponse(responseCode = "502", description = "The source or target connector failed")
    public HttpResponse<?> reconciliation(HttpRequest<?> request, @PathVariable UUID tenantId,
            @PathVariable UUID integrationId, Authentication authentication,
            @Parameter(description = "First business day, yyyy-MM-dd (default: 13 days before to)",
                    example = "2026-11-01") @Nullable @QueryValue String from,
            @Parameter(description = "Last business day, included, yyyy-MM-dd (default: today, UTC)",
                    example = "2026-11-30") @Nullable @QueryValue String to) {
        Reconciliation result = compute(tenantId, integrationId, authentication, from, to);
        boolean csv = request.getHeaders().accept().stream()
                .anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype()));
        return csv ? csv(result) : HttpResponse.ok(result).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/reconciliation.csv", produces = "text/csv")
    @Operation(operationId = "getReconciliationCsv", summary = "The same reconciliation as CSV, with stable columns",
            description = "date, location_id, currency, status, document_number, target_ref, difference_total,"
                    + " differences, pos, target: one row per business day, location and currency.")
    @ApiResponse(responseCode = "200", description = "The reconciliation as CSV")
    @ApiResponse(responseCode = "400", description = "from or to has the wrong form or the range is too long")
    @ApiResponse(responseCode = "404", description = "No such tenant or integration for this caller")
    public HttpResponse<String> reconciliationCsv(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        return csv(compute(tenantId, integrationId, authentication, from, to));
    }

    private Reconciliation compute(UUID tenantId, UUID integrationId, Authentication authentication, String from,
            String to) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return reconciliation.reconcile(scope, integrationId, reconciliation.query(from, to));
    }

    private static HttpResponse<String> csv(Reconciliation result) {
        return HttpResponse.ok(ReconciliationCsv.of(result))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reconciliation-" + result.from()
                        + "-" + result.to() + ".csv\"");
    }
}
