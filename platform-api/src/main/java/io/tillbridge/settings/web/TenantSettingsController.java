package io.tillbridge.settings.web;

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
import io.tillbridge.platform.web.ETags;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import jakarta.validation.Valid;
import java.util.UUID;

/** A tenant's identity, business settings and KPI targets. */
@Controller("/api/v1/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tenant settings", description = "The tenant's business name, currency and KPI targets")
public class TenantSettingsController {

    private final TenantAccess access;
    private final TenantSettingsService settings;

    public TenantSettingsController(TenantAccess access, TenantSettingsService settings) {
        this.access = access;
        this.settings = settings;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTenant", summary = "Read the tenant and its settings", description = "Answers the settings' version as the ETag.")
    public HttpResponse<TenantSettings> get(@PathVariable UUID tenantId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return withETag(settings.get(scope));
    }

    @Put(uri = "/settings", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateTenantSettings", summary = "Change the business name, currency and KPI targets",
            description = "Needs If-Match with the ETag read last: 428 without it, 412 when it is stale.")
    public HttpResponse<TenantSettings> update(@PathVariable UUID tenantId,
            @Parameter(description = "The ETag read last, e.g. \"3\"") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid UpdateSettingsRequest request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        int expected = ETags.requireVersion(ifMatch);
        return withETag(settings.update(scope, expected, request.toChange()));
    }

    private static HttpResponse<TenantSettings> withETag(TenantSettings tenant) {
        return HttpResponse.ok(tenant).header(HttpHeaders.ETAG, ETags.of(tenant.version()));
    }
}
