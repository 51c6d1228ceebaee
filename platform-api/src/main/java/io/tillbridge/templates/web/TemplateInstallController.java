package io.tillbridge.templates.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import io.tillbridge.platform.web.IdempotentCreates;
import io.tillbridge.templates.TemplateInstallation;
import io.tillbridge.templates.TemplateInstalls;
import jakarta.validation.Valid;
import java.util.UUID;

/** Installing a template into a tenant: its integrations, mappings and schedules in one call (DD-039). */
@Controller("/api/v1/tenants/{tenantId}/templates")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Templates")
public class TemplateInstallController {

    private final TenantAccess access;
    private final TemplateInstalls installs;
    private final IdempotentCreates idempotent;

    public TemplateInstallController(TenantAccess access, TemplateInstalls installs, IdempotentCreates idempotent) {
        this.access = access;
        this.installs = installs;
        this.idempotent = idempotent;
    }

    @Post(uri = "/{templateId}/install", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Installed: the integrations it created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateInstallation.class)))
    @ApiResponse(responseCode = "404", description = "No such template, or a connection is not the tenant's")
    @ApiResponse(responseCode = "422", description = "template-not-applicable: a connection cannot play its part;"
            + " the errors member names the field")
    @Operation(operationId = "installTemplate", summary = "Install a template: its integrations, mappings and schedules",
            description = "Creates, in one transaction, every integration of the template between the two connections,"
                    + " each with the template's mapping as its first version (pinned) and, unless schedule is false,"
                    + " the template's schedule in the time zone of the tenant's first location (UTC without one). A"
                    + " failure leaves nothing behind. Each integration records the template and version it came from"
                    + " (template) and may be changed afterwards like any other. Honours Idempotency-Key.")
    public HttpResponse<?> install(@PathVariable UUID tenantId, @PathVariable String templateId,
            @Body @Valid InstallTemplateRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return idempotent.run(request, authentication, idempotencyKey, body, () ->
                HttpResponse.status(HttpStatus.CREATED).body(installs.install(scope, templateId, body.toDraft())));
    }
}
