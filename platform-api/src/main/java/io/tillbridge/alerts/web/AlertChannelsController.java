package io.tillbridge.alerts.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import io.tillbridge.alerts.AlertChannel;
import io.tillbridge.alerts.AlertService;
import io.tillbridge.alerts.ChannelCreated;
import io.tillbridge.alerts.Delivery;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.ETags;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;

/** The tenant's alert channels: email, chat webhook, signed outbound webhook. */
@Controller("/api/v1/tenants/{tenantId}/alert-channels")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Alerts", description = "Alerts opened and resolved by the alert rules; acknowledge or snooze them")
public class AlertChannelsController {

    private final TenantAccess access;
    private final AlertService alerts;

    public AlertChannelsController(TenantAccess access, AlertService alerts) {
        this.access = access;
        this.alerts = alerts;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAlertChannels", summary = "List the alert channels")
    public Page<AlertChannel> list(@PathVariable UUID tenantId, Authentication authentication) {
        return new Page<>(alerts.channels(access.require(authentication, tenantId, Permission.READ)), null);
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created; a webhook channel's secret is answered this once")
    @Operation(operationId = "createAlertChannel", summary = "Add an alert channel")
    public HttpResponse<ChannelCreated> create(@PathVariable UUID tenantId, @Body @Valid SaveAlertChannelRequest body,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        ChannelCreated created = alerts.createChannel(scope, body.toDraft());
        return HttpResponse.created(created, URI.create("/api/v1/tenants/" + tenantId + "/alert-channels/"
                + created.channel().id())).header(HttpHeaders.ETAG, ETags.of(created.channel().version()));
    }

    @Get(uri = "/{channelId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAlertChannel", summary = "Read an alert channel", description = "Answers its version as the ETag.")
    public HttpResponse<AlertChannel> get(@PathVariable UUID tenantId, @PathVariable UUID channelId,
            Authentication authentication) {
        AlertChannel channel = alerts.channel(access.require(authentication, tenantId, Permission.READ), channelId);
        return HttpResponse.ok(channel).header(HttpHeaders.ETAG, ETags.of(channel.version()));
    }

    @Put(uri = "/{channelId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateAlertChannel", summary = "Change an alert channel's name and addresses or URL",
            description = "Its kind stays. Needs If-Match: 428 without it, 412 when it is stale.")
    public HttpResponse<AlertChannel> update(@PathVariable UUID tenantId, @PathVariable UUID channelId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid SaveAlertChannelRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        AlertChannel channel = alerts.updateChannel(scope, channelId, ETags.requireVersion(ifMatch), body.toDraft());
        return HttpResponse.ok(channel).header(HttpHeaders.ETAG, ETags.of(channel.version()));
    }

    @Delete(uri = "/{channelId}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteAlertChannel", summary = "Delete an alert channel", description = "Needs If-Match.")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID channelId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        alerts.deleteChannel(scope, channelId, ETags.requireVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Post(uri = "/{channelId}/test", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "testAlertChannel", summary = "Send a test notification on the channel now",
            description = "Answers the delivery as recorded in the channel's log.")
    public Delivery test(@PathVariable UUID tenantId, @PathVariable UUID channelId, Authentication authentication) {
        return alerts.test(access.require(authentication, tenantId, Permission.CONFIGURE), channelId);
    }

    @Get(uri = "/{channelId}/deliveries", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAlertDeliveries", summary = "The channel's delivery log, newest first")
    public Page<Delivery> deliveries(@PathVariable UUID tenantId, @PathVariable UUID channelId,
            @Parameter(description = "At most this many, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            Authentication authentication) {
        return new Page<>(alerts.deliveries(access.require(authentication, tenantId, Permission.READ), channelId,
                limit == null ? 50 : limit), null);
    }
}
