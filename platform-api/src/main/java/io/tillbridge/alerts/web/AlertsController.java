package io.tillbridge.alerts.web;

import io.micronaut.core.annotation.Nullable;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.alerts.Alert;
import io.tillbridge.alerts.AlertService;
import io.tillbridge.paging.Page;
import jakarta.validation.Valid;
import java.util.UUID;

/** The tenant's alerts: read, acknowledge, snooze. */
@Controller("/api/v1/tenants/{tenantId}/alerts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Alerts", description = "Alerts opened and resolved by the alert rules; acknowledge or snooze them")
public class AlertsController {

    private final TenantAccess access;
    private final AlertService alerts;

    public AlertsController(TenantAccess access, AlertService alerts) {
        this.access = access;
        this.alerts = alerts;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAlerts", summary = "List alerts, open ones first, then newest first")
    public Page<Alert> list(@PathVariable UUID tenantId,
            @Parameter(description = "open or resolved; all when absent") @Nullable @QueryValue String status,
            @Parameter(description = "Only this integration's alerts") @Nullable @QueryValue UUID integrationId,
            @Parameter(description = "At most this many, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return new Page<>(alerts.alerts(scope, status, integrationId, limit == null ? 50 : limit), null);
    }

    @Get(uri = "/{alertId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAlert", summary = "Read an alert")
    public Alert get(@PathVariable UUID tenantId, @PathVariable UUID alertId, Authentication authentication) {
        return alerts.alert(access.require(authentication, tenantId, Permission.READ), alertId);
    }

    @Post(uri = "/{alertId}/acknowledge", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an open alert: no more re-notifications",
            description = "It still resolves by itself, with a resolved notification.")
    public Alert acknowledge(@PathVariable UUID tenantId, @PathVariable UUID alertId, Authentication authentication) {
        return alerts.acknowledge(access.require(authentication, tenantId, Permission.OPERATE), alertId);
    }

    @Post(uri = "/{alertId}/snooze", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "snoozeAlert", summary = "Snooze an open alert's re-notifications until a time")
    public Alert snooze(@PathVariable UUID tenantId, @PathVariable UUID alertId, @Body @Valid SnoozeRequest body,
            Authentication authentication) {
        return alerts.snooze(access.require(authentication, tenantId, Permission.OPERATE), alertId, body.until());
    }
}
