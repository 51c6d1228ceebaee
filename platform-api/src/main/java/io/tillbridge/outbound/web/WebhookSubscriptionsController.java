package io.tillbridge.outbound.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import io.tillbridge.events.EventTypes;
import io.tillbridge.outbound.SubscriptionSecret;
import io.tillbridge.outbound.WebhookDelivery;
import io.tillbridge.outbound.WebhookSubscription;
import io.tillbridge.outbound.WebhookSubscriptions;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.ETags;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** The tenant's outbound event webhooks (DD-033). */
@Controller("/api/v1/tenants/{tenantId}/webhook-subscriptions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Outbound webhooks", description = "Event subscriptions, signed in the Standard Webhooks style, with"
        + " their delivery log")
public class WebhookSubscriptionsController {

    private final TenantAccess access;
    private final WebhookSubscriptions subscriptions;

    public WebhookSubscriptionsController(TenantAccess access, WebhookSubscriptions subscriptions) {
        this.access = access;
        this.subscriptions = subscriptions;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listWebhookSubscriptions", summary = "List the webhook subscriptions and the event types")
    public SubscriptionList list(@PathVariable UUID tenantId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return new SubscriptionList(subscriptions.list(scope), EventTypes.ALL);
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created; the answer holds the signing secret, shown only now")
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a URL to events",
            description = "Answers the subscription with its signing secret (whsec_...), which is not shown again.")
    public HttpResponse<SubscriptionSecret> create(@PathVariable UUID tenantId, @Body @Valid SaveSubscriptionRequest body,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        SubscriptionSecret created = subscriptions.create(scope, body.toDraft());
        return HttpResponse.created(created, URI.create(request.getPath() + "/" + created.subscription().id()))
                .header(HttpHeaders.ETAG, ETags.of(created.subscription().version()));
    }

    @Get(uri = "/{subscriptionId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getWebhookSubscription", summary = "Read a webhook subscription",
            description = "Answers its version as the ETag; never its secret.")
    public HttpResponse<WebhookSubscription> get(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return withETag(subscriptions.get(scope, subscriptionId));
    }

    @Put(uri = "/{subscriptionId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateWebhookSubscription", summary = "Change a webhook subscription",
            description = "Needs If-Match: 428 without it, 412 when it is stale. Enabling a disabled one clears its"
                    + " failure streak.")
    public HttpResponse<WebhookSubscription> update(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid SaveSubscriptionRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return withETag(subscriptions.update(scope, subscriptionId, ETags.requireVersion(ifMatch), body.toDraft()));
    }

    @Delete(uri = "/{subscriptionId}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a webhook subscription",
            description = "Needs If-Match: 428 without it, 412 when it is stale. Its delivery log goes with it.")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        subscriptions.delete(scope, subscriptionId, ETags.requireVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Post(uri = "/{subscriptionId}/rotate-secret", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateWebhookSecret", summary = "Give a webhook subscription a new signing secret",
            description = "Answers the new secret, shown only now. The old one keeps signing beside it (two"
                    + " signatures in webhook-signature) until previousSecretExpiresAt (24 hours by default).")
    public SubscriptionSecret rotate(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return subscriptions.rotate(scope, subscriptionId);
    }

    @Post(uri = "/{subscriptionId}/test", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "Queued; the delivery log shows how it went")
    @Operation(operationId = "sendWebhookTest", summary = "Send a test event to a webhook subscription")
    public HttpResponse<WebhookDelivery> test(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return HttpResponse.accepted().body(subscriptions.sendTest(scope, subscriptionId));
    }

    @Get(uri = "/{subscriptionId}/deliveries", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listWebhookDeliveries", summary = "List a subscription's deliveries, newest first,"
            + " each with its latest attempts")
    public Page<WebhookDelivery> deliveries(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            @Parameter(description = "pending, delivered, failed or cancelled") @Nullable @QueryValue String status,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return subscriptions.deliveries(scope, subscriptionId, Optional.ofNullable(status), Optional.ofNullable(cursor),
                Page.limit(limit));
    }

    @Get(uri = "/{subscriptionId}/deliveries/{deliveryId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getWebhookDelivery", summary = "Read a delivery with its attempts")
    public WebhookDelivery delivery(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            @PathVariable UUID deliveryId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return subscriptions.delivery(scope, subscriptionId, deliveryId);
    }

    @Post(uri = "/{subscriptionId}/deliveries/{deliveryId}/replay", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "Queued again with the same webhook-id")
    @Operation(operationId = "replayWebhookDelivery", summary = "Send a delivery again with the same event id")
    public HttpResponse<WebhookDelivery> replay(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            @PathVariable UUID deliveryId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return HttpResponse.accepted().body(subscriptions.replay(scope, subscriptionId, deliveryId));
    }

    @Post(uri = "/{subscriptionId}/deliveries/replay-failed", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "Queued again, each with its own event id")
    @Operation(operationId = "replayFailedWebhookDeliveries", summary = "Send every failed delivery of a subscription again")
    public HttpResponse<ReplayResult> replayFailed(@PathVariable UUID tenantId, @PathVariable UUID subscriptionId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return HttpResponse.accepted().body(new ReplayResult(subscriptions.replayFailed(scope, subscriptionId)));
    }

    private static HttpResponse<WebhookSubscription> withETag(WebhookSubscription subscription) {
        return HttpResponse.ok(subscription).header(HttpHeaders.ETAG, ETags.of(subscription.version()));
    }
}
