package io.tillbridge.alerts.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.alerts.AlertRule;
import io.tillbridge.alerts.AlertService;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.ETags;
import jakarta.validation.Valid;
import java.util.UUID;

/** The alert rules of the tenant's integrations. */
@Controller("/api/v1/tenants/{tenantId}/alert-rules")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Alerts", description = "Alerts opened and resolved by the alert rules; acknowledge or snooze them")
public class AlertRulesController {

    private final TenantAccess access;
    private final AlertService alerts;

    public AlertRulesController(TenantAccess access, AlertService alerts) {
        this.access = access;
        this.alerts = alerts;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAlertRules", summary = "List the alert rules of every integration (or one)",
            description = "Rules an integration lacks are created with their defaults first.")
    public Page<AlertRule> list(@PathVariable UUID tenantId,
            @Parameter(description = "Only this integration's rules") @Nullable @QueryValue UUID integrationId,
            Authentication authentication) {
        return new Page<>(alerts.rules(access.require(authentication, tenantId, Permission.READ), integrationId), null);
    }

    @Get(uri = "/{ruleId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAlertRule", summary = "Read an alert rule", description = "Answers its version as the ETag.")
    public HttpResponse<AlertRule> get(@PathVariable UUID tenantId, @PathVariable UUID ruleId,
            Authentication authentication) {
        AlertRule rule = alerts.rule(access.require(authentication, tenantId, Permission.READ), ruleId);
        return HttpResponse.ok(rule).header(HttpHeaders.ETAG, ETags.of(rule.version()));
    }

    @Put(uri = "/{ruleId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateAlertRule", summary = "Change an alert rule: enabled, thresholds, re-notify interval,"
            + " channels", description = "Absent fields stay as they are. Needs If-Match: 428 without it, 412 when stale.")
    public HttpResponse<AlertRule> update(@PathVariable UUID tenantId, @PathVariable UUID ruleId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid UpdateAlertRuleRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        AlertRule rule = alerts.updateRule(scope, ruleId, ETags.requireVersion(ifMatch), body.toChange());
        return HttpResponse.ok(rule).header(HttpHeaders.ETAG, ETags.of(rule.version()));
    }
}
