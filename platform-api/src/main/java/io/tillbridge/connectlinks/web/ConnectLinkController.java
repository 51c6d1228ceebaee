package io.tillbridge.connectlinks.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connectlinks.ConnectLink;
import io.tillbridge.connectlinks.ConnectLinks;
import io.tillbridge.connectlinks.CreatedConnectLink;
import java.net.URI;
import java.util.UUID;

/** A partner's connect links for a tenant (DD-030): create one, then read its status. */
@Controller("/api/v1/tenants/{tenantId}/connect-links")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Connect links", description = "Single-use links a partner sends a merchant to connect a POS with OAuth")
public class ConnectLinkController {

    private final TenantAccess access;
    private final ConnectLinks links;

    public ConnectLinkController(TenantAccess access, ConnectLinks links) {
        this.access = access;
        this.links = links;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a connect link for the tenant's merchant",
            description = "With a partner API key with the write scope, in a tenant that granted the partner access."
                    + " The URL is a portal page that works once, for 15 minutes: the merchant signs in, sees what"
                    + " the partner asks for, connects with the vendor's OAuth and is sent back to redirectUrl with"
                    + " connection_id and state (or error=access_denied).")
    @ApiResponse(responseCode = "201", description = "Created; the URL is shown only now")
    @ApiResponse(responseCode = "400", description = "Unknown connector, redirect URL not registered, state too long"
            + " (type validation-failed, naming the field)")
    @ApiResponse(responseCode = "403", description = "Not a partner key, or a read-only one")
    @ApiResponse(responseCode = "404", description = "The tenant did not grant the partner access (or does not exist)")
    @ApiResponse(responseCode = "422", description = "The connector does not connect with OAuth")
    public HttpResponse<CreatedConnectLink> create(@PathVariable UUID tenantId, @Body CreateConnectLinkRequest body,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        CreatedConnectLink created = links.create(scope, Caller.of(authentication), body.toDraft());
        return HttpResponse.created(created, URI.create(request.getPath() + "/" + created.id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get(uri = "/{connectLinkId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a connect link's status",
            description = "pending, completed (with connectionId), declined or expired. A partner sees its own links"
                    + " only; expired links are kept for 7 days.")
    public ConnectLink get(@PathVariable UUID tenantId, @PathVariable UUID connectLinkId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return links.get(scope, Caller.of(authentication), connectLinkId);
    }
}
