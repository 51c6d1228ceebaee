package io.tillbridge.vendorhooks.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.vendorhooks.VendorHookRoute;
import io.tillbridge.vendorhooks.VendorHookService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** A connection's vendor webhook route and subscription; the signing secret is write-only. */
@Controller("/api/v1/tenants/{tenantId}/connections/{connectionId}/webhook-subscription")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Connections", description = "Connections to POS, stores and accounting through a connector;"
        + " secrets are write-only")
public class ConnectionWebhookController {

    /** A signing secret the merchant copied from the vendor's dashboard. */
    @Serdeable
    public record EnterSigningSecretRequest(@NotBlank @Size(max = 500) String signingSecret) {
    }

    private final TenantAccess access;
    private final VendorHookService hooks;

    public ConnectionWebhookController(TenantAccess access, VendorHookService hooks) {
        this.access = access;
        this.hooks = hooks;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "404", description = "No such connection, or its connector receives no webhooks")
    @Operation(operationId = "getConnectionWebhookSubscription", summary = "Read the connection's webhook route",
            description = "The public URL the vendor delivers to and how the subscription stands; never the secret.")
    public VendorHookRoute get(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            Authentication authentication) {
        return hooks.get(access.require(authentication, tenantId, Permission.READ), connectionId);
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "422", description = "The connector cannot register subscriptions with its vendor")
    @Operation(operationId = "registerConnectionWebhookSubscription",
            summary = "Register (or renew) the webhook subscription with the vendor",
            description = "Happens by itself when a connection is created or changed; this repeats it. The vendor's"
                    + " signing secret is sealed in the vault. A vendor refusal is answered as state failed.")
    public VendorHookRoute subscribe(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            Authentication authentication) {
        return hooks.subscribe(access.require(authentication, tenantId, Permission.CONFIGURE), connectionId);
    }

    @Put(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "422", description = "The connector receives no webhooks")
    @Operation(operationId = "enterConnectionWebhookSecret", summary = "Enter the vendor's signing secret by hand",
            description = "For a vendor whose API cannot register subscriptions: the merchant registers the route's URL"
                    + " in the vendor's dashboard and enters the signing secret here. Write-only.")
    public VendorHookRoute enter(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @Body @jakarta.validation.Valid EnterSigningSecretRequest body, Authentication authentication) {
        return hooks.enterSecret(access.require(authentication, tenantId, Permission.CONFIGURE), connectionId,
                body.signingSecret());
    }
}
