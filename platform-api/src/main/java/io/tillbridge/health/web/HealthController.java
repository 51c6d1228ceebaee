package io.tillbridge.health.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.connections.ConnectionChecks;
import io.tillbridge.connections.ConnectionHealth;
import io.tillbridge.health.HealthService;
import io.tillbridge.health.IntegrationHealth;
import io.tillbridge.health.TenantHealth;
import java.util.UUID;

/** Integration health computed from runs and record errors. */
@Controller("/api/v1/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Health", description = "Integration and connection health computed from runs, record errors and"
        + " checks: status, last success, freshness per location, error rates, uptime, completion times, backlog,"
        + " credentials")
public class HealthController {

    private final TenantAccess access;
    private final HealthService health;
    private final ConnectionChecks connections;

    public HealthController(TenantAccess access, HealthService health, ConnectionChecks connections) {
        this.access = access;
        this.health = health;
        this.connections = connections;
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTenantHealth", summary = "Every integration's health, worst first, with counts per status")
    public TenantHealth overview(@PathVariable UUID tenantId, Authentication authentication) {
        return health.overview(access.require(authentication, tenantId, Permission.READ));
    }

    @Get(uri = "/integrations/{integrationId}/health", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getIntegrationHealth", summary = "One integration's health")
    public IntegrationHealth integration(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        return health.of(access.require(authentication, tenantId, Permission.READ), integrationId);
    }

    @Get(uri = "/connections/{connectionId}/health", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getConnectionHealth", summary = "Whether one connection's credentials work, from its last"
            + " periodic or manual check, and whether its access ends soon")
    public ConnectionHealth connection(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            Authentication authentication) {
        return connections.of(access.require(authentication, tenantId, Permission.READ), connectionId);
    }
}
