package io.tillbridge.locations.web;

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
import io.tillbridge.locations.Location;
import io.tillbridge.locations.LocationService;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.web.ETags;
import io.tillbridge.platform.web.IdempotentCreates;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** The tenant's stores and sites. */
@Controller("/api/v1/tenants/{tenantId}/locations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Locations", description = "Stores and sites, with the time zone and close-out hour of their business day")
public class LocationsController {

    private final TenantAccess access;
    private final LocationService locations;
    private final IdempotentCreates idempotent;

    public LocationsController(TenantAccess access, LocationService locations, IdempotentCreates idempotent) {
        this.access = access;
        this.locations = locations;
        this.idempotent = idempotent;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listLocations", summary = "List the locations, oldest first, one page at a time")
    public Page<Location> list(@PathVariable UUID tenantId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return locations.list(scope, Optional.ofNullable(cursor), Page.limit(limit));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created; Location names it and ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Location.class)))
    @Operation(operationId = "createLocation", summary = "Add a location", description = "Honours Idempotency-Key: a retry with the same key and body"
            + " answers the first response again.")
    public HttpResponse<?> create(@PathVariable UUID tenantId, @Body @Valid SaveLocationRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return idempotent.run(request, authentication, idempotencyKey, body, () -> {
            Location created = locations.create(scope, body.toDraft());
            return HttpResponse.created(created, URI.create(request.getPath() + "/" + created.id()))
                    .header(HttpHeaders.ETAG, ETags.of(created.version()));
        });
    }

    @Get(uri = "/{locationId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getLocation", summary = "Read a location", description = "Answers its version as the ETag.")
    public HttpResponse<Location> get(@PathVariable UUID tenantId, @PathVariable UUID locationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return withETag(locations.get(scope, locationId));
    }

    @Put(uri = "/{locationId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateLocation", summary = "Change a location", description = "Needs If-Match: 428 without it, 412 when it is stale.")
    public HttpResponse<Location> update(@PathVariable UUID tenantId, @PathVariable UUID locationId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid SaveLocationRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return withETag(locations.update(scope, locationId, ETags.requireVersion(ifMatch), body.toDraft()));
    }

    @Delete(uri = "/{locationId}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteLocation", summary = "Delete a location", description = "Needs If-Match: 428 without it, 412 when it is stale.")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID locationId,
            @Parameter(description = "The ETag read last") @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        locations.delete(scope, locationId, ETags.requireVersion(ifMatch));
        return HttpResponse.noContent();
    }

    private static HttpResponse<Location> withETag(Location location) {
        return HttpResponse.ok(location).header(HttpHeaders.ETAG, ETags.of(location.version()));
    }
}
