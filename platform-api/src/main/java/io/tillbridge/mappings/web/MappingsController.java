package io.tillbridge.mappings.web;

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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.mappings.FieldPair;
import io.tillbridge.mappings.FieldSuggestionRequest;
import io.tillbridge.mappings.MappingPreviewRequest;
import io.tillbridge.mappings.MappingPreviewResult;
import io.tillbridge.mappings.MappingPreviews;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** An integration's mapping versions, pinning, live preview and field suggestions. */
@Controller("/api/v1/tenants/{tenantId}/integrations/{integrationId}/mappings")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Mappings", description = "Typed, versioned field mappings of an integration, with live preview")
public class MappingsController {

    private final TenantAccess access;
    private final MappingVersions versions;
    private final MappingPreviews previews;

    public MappingsController(TenantAccess access, MappingVersions versions, MappingPreviews previews) {
        this.access = access;
        this.versions = versions;
        this.previews = previews;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @RequestBody(description = "The mapping: {steps, fields, valueMaps, rates, aggregate}", required = true)
    @ApiResponse(responseCode = "201", description = "Saved as the next version; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MappingVersion.class)))
    @ApiResponse(responseCode = "422", description = "Not valid: errors name each field path and how to fix it")
    @Operation(operationId = "createMappingVersion", summary = "Save a new version of the integration's mapping",
            description = "Validated before it is stored: it must compile, map every field the target requires with"
                    + " fitting types, and map the source's discovered sample records without errors. The new version"
                    + " is not pinned: pin it to run with it.")
    public HttpResponse<MappingVersion> create(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Body MappingSpec spec, HttpRequest<?> request, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        MappingVersion created = versions.create(scope, integrationId, spec);
        return HttpResponse.created(created, URI.create(request.getPath() + "/" + created.version()));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listMappingVersions", summary = "List the versions of the integration's mapping, newest first")
    public List<MappingVersion> list(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return versions.list(scope, integrationId);
    }

    @Get(uri = "/{version}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMappingVersion", summary = "Read one version of the integration's mapping")
    public MappingVersion get(@PathVariable UUID tenantId, @PathVariable UUID integrationId, @PathVariable int version,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return versions.get(scope, integrationId, version);
    }

    @Post(uri = "/{version}/pin", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "pinMappingVersion", summary = "Run the integration with this mapping version",
            description = "Idempotent. Changes the integration's version (its ETag).")
    public MappingVersion pin(@PathVariable UUID tenantId, @PathVariable UUID integrationId, @PathVariable int version,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.CONFIGURE);
        return versions.pin(scope, integrationId, version);
    }

    @Post(uri = "/preview", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @RequestBody(description = "{spec?: a draft mapping, version?: a saved version, records?: up to 100 source records}."
            + " Without spec or version the pinned version is used; without records the source's discovered samples.")
    @Operation(operationId = "previewMapping", summary = "Map a few records and show outputs and per-field errors",
            description = "Fast enough for every keystroke; stores nothing.")
    public MappingPreviewResult preview(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Body MappingPreviewRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return previews.preview(scope, integrationId, body);
    }

    @Post(uri = "/suggestions", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @RequestBody(description = "{source?: [{name, type}], target?: [{name, type, required}]}; each missing list is"
            + " discovered from the integration's connection. Types: string, number, boolean, object, array.")
    @Operation(operationId = "suggestMappingFields", summary = "Propose source-to-target field pairs with a confidence",
            description = "By name similarity, known synonyms (sku, item_code; total_money, amount) and type"
                    + " compatibility; best first, each source field used once.")
    public List<FieldPair> suggest(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Body FieldSuggestionRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return previews.suggest(scope, integrationId, body);
    }
}
