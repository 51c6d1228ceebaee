package io.tillbridge.webhooks.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.webhooks.IssuedWebhookEndpoint;
import io.tillbridge.webhooks.WebhookEndpoint;
import io.tillbridge.webhooks.WebhookService;
import java.util.UUID;

/** An integration's inbound webhook endpoint: create it (the secret is shown once), read it, remove it. */
@Controller("/api/v1/tenants/{tenantId}/integrations/{integrationId}/webhook")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Webhooks", description = "Events from outside that start runs")
public class WebhookEndpointController {

    private final TenantAccess access;
    private final WebhookService webhooks;

    public WebhookEndpointController(TenantAccess access, WebhookService webhooks) {
        this.access = access;
        this.webhooks = webhooks;
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created; the signing secret is in this response only",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssuedWebhookEndpoint.class)))
    @Operation(operationId = "createWebhookEndpoint", summary = "Give an integration an inbound webhook endpoint",
            description = "Answers the endpoint's URL and its Standard Webhooks signing secret, once. Each signed"
                    + " delivery to the URL is stored and queues a run with trigger webhook, unless a run of the"
                    + " integration is still queued. 409 when the integration has an endpoint already.")
    public HttpResponse<IssuedWebhookEndpoint> create(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        IssuedWebhookEndpoint created = webhooks.create(scope, integrationId);
        return HttpResponse.created(created).header(HttpHeaders.LOCATION,
                "/api/v1/tenants/" + tenantId + "/integrations/" + integrationId + "/webhook");
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getWebhookEndpoint", summary = "Read an integration's webhook endpoint (without its secret)")
    public WebhookEndpoint get(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return webhooks.get(scope, integrationId);
    }

    @Delete
    @ApiResponse(responseCode = "204", description = "Removed, with its stored events; deliveries now answer 404")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Remove an integration's webhook endpoint")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        webhooks.delete(scope, integrationId);
        return HttpResponse.noContent();
    }
}
