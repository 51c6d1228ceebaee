package io.tillbridge.connections.web;

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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.CheckOutcome;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.DiscoveredCatalog;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.ETags;
import io.tillbridge.platform.web.IdempotentCreates;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** The tenant's connections to outside systems. Secret config fields are write-only. */
@Controller("/api/v1/tenants/{tenantId}/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Connections", description = "Connections to POS, stores and accounting through a connector;"
        + " secrets are write-only")
public class ConnectionsController {

    private final TenantAccess access;
    private final ConnectionService connections;
    private final IdempotentCreates idempotent;

    public ConnectionsController(TenantAccess access, ConnectionService connections, IdempotentCreates idempotent) {
        this.access = access;
        this.connections = connections;
        this.idempotent = idempotent;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listConnections", summary = "List the connections, oldest first, one page at a time")
    public Page<ConnectionDetail> list(@PathVariable UUID tenantId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return connections.list(scope, Optional.ofNullable(cursor), Page.limit(limit));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created; Location names it and ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionDetail.class)))
    @Operation(operationId = "createConnection", summary = "Add a connection",
            description = "Validates the config against the connector's schema; secret fields go to the vault and are"
                    + " never returned. Honours Idempotency-Key.")
    public HttpResponse<?> create(@PathVariable UUID tenantId, @Body @Valid CreateConnectionRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return idempotent.run(request, authentication, idempotencyKey, body, () -> {
            ConnectionDetail created = connections.create(scope, body.toDraft());
            return HttpResponse.created(created, URI.create(request.getPath() + "/" + created.id()))
                    .header(HttpHeaders.ETAG, ETags.of(created.version()));
        });
    }

    @Get(uri = "/{connectionId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getConnection", summary = "Read a connection", description = "Answers its version as the ETag.")
    public HttpResponse<ConnectionDetail> get(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return withETag(connections.get(scope, connectionId));
    }

    @Put(uri = "/{connectionId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateConnection", summary = "Change a connection",
            description = "Needs If-Match. A secret field left out or null keeps the stored secret. Changing where the"
                    + " connection points (a URL, host or endpoint field, x-target in the connector's schema) needs"
                    + " every stored secret given again in the same request (422 secrets-required otherwise) and"
                    + " drops the OAuth2 tokens kept for it.")
    public HttpResponse<ConnectionDetail> update(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid UpdateConnectionRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return withETag(connections.update(scope, connectionId, ETags.requireVersion(ifMatch), body.toDraft()));
    }

    @Delete(uri = "/{connectionId}")
    @ApiResponse(responseCode = "204", description = "Deleted, with its secrets")
    @Operation(operationId = "deleteConnection", summary = "Delete a connection and its secrets", description = "Needs If-Match.")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        connections.delete(scope, connectionId, ETags.requireVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Post(uri = "/{connectionId}/check", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkConnection", summary = "Check that the connection works",
            description = "Runs the connector's check; answers OK or CONFIG, AUTH, TRANSIENT, SYSTEM with a message,"
                    + " and keeps it as the connection's last check.")
    public CheckOutcome check(@PathVariable UUID tenantId, @PathVariable UUID connectionId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        return connections.check(scope, connectionId);
    }

    @Post(uri = "/{connectionId}/discover", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "discoverConnection", summary = "List the streams, fields and sample values behind the connection",
            description = "422 connector-failed when the system cannot be reached or refuses the credentials.")
    public DiscoveredCatalog discover(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        return connections.discover(scope, connectionId);
    }

    private static HttpResponse<ConnectionDetail> withETag(ConnectionDetail connection) {
        return HttpResponse.ok(connection).header(HttpHeaders.ETAG, ETags.of(connection.version()));
    }
}
