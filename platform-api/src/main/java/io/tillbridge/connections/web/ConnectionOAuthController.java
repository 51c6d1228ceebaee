package io.tillbridge.connections.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionOAuth;
import io.tillbridge.connections.OAuthConnected;
import io.tillbridge.connections.OAuthDeclined;
import io.tillbridge.connections.OAuthStart;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.UUID;

/**
 * Connecting with OAuth: the start, for a signed-in member or a partner key, and the callback the
 * vendor redirects the merchant's browser to, which needs no token: the single-use state is the
 * credential (DD-029).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Connections", description = "Connections to POS, stores and accounting through a connector;"
        + " secrets are write-only")
public class ConnectionOAuthController {

    private final TenantAccess access;
    private final ConnectionOAuth oauth;

    public ConnectionOAuthController(TenantAccess access, ConnectionOAuth oauth) {
        this.access = access;
        this.oauth = oauth;
    }

    @Post(uri = "/tenants/{tenantId}/connections/oauth", consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ApiResponse(responseCode = "200", description = "The vendor's authorization URL, with a single-use state that"
            + " expires after 10 minutes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OAuthStart.class)))
    @ApiResponse(responseCode = "422", description = "The connector does not use OAuth, or the platform has no OAuth"
            + " application for it (type unprocessable)")
    @Operation(operationId = "startOAuthConnection", summary = "Start connecting with OAuth",
            description = "Keeps the connection to create (connector, name, non-secret config, sandbox choice) with a"
                    + " single-use state bound to the tenant and the caller, and answers the vendor's authorization"
                    + " URL. With sandbox true the URL is the shipped sandbox's, which approves at once.")
    public OAuthStart start(@PathVariable UUID tenantId, @Body @Valid StartOAuthRequest body,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return oauth.start(scope, body.toDraft());
    }

    @Get(uri = "/oauth/callback", produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ApiResponse(responseCode = "302", description = "Connected: Location is the portal's page of the new connection,"
            + " or, for a partner's connect link, the partner's redirect URL (also when the merchant declined)")
    @ApiResponse(responseCode = "200", description = "Connected (to a client that accepts JSON only)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OAuthConnected.class)))
    @ApiResponse(responseCode = "400", description = "The state is missing, unknown, used or expired"
            + " (type oauth-state-invalid); nothing stored")
    @ApiResponse(responseCode = "403", description = "The merchant declined (type oauth-denied); nothing stored")
    @ApiResponse(responseCode = "404", description = "The request carries a credential of someone other than who"
            + " started the authorization")
    @ApiResponse(responseCode = "422", description = "The vendor refused the code (type connector-failed)")
    @Operation(operationId = "oauthCallback", summary = "The vendor's redirect after the merchant's decision",
            description = "Consumes the state, exchanges the code for tokens through the connector, stores them in the"
                    + " vault and creates the connection. A browser is redirected to the portal; a client that"
                    + " accepts only JSON gets the connection's id.")
    public HttpResponse<?> callback(
            @Parameter(description = "The authorization code") @Nullable @QueryValue String code,
            @Parameter(description = "The state of the start") @Nullable @QueryValue String state,
            @Parameter(description = "access_denied when the merchant declined") @Nullable @QueryValue String error,
            HttpRequest<?> request, @Nullable Authentication authentication) {
        OAuthConnected connected;
        try {
            connected = oauth.complete(Optional.ofNullable(authentication).map(Caller::of), state, code, error);
        } catch (OAuthDeclined declined) {
            if (declined.continueUrl().isEmpty() || wantsJson(request)) {
                throw declined;
            }
            return HttpResponse.seeOther(declined.continueUrl().get()).status(302)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (wantsJson(request)) {
            return HttpResponse.ok(connected);
        }
        return HttpResponse.seeOther(connected.continueUrl()).status(302)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static boolean wantsJson(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.APPLICATION_JSON) && !accept.contains(MediaType.TEXT_HTML);
    }
}
