package io.tillbridge.connections.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.connections.InstalledConnector;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.Arrays;
import java.util.List;

/**
 * The public connector catalog: the connectors installed on this platform, with the config schema
 * the portal and partners build their forms from. Anyone may read it (rate-limited per address,
 * like the other anonymous routes); it changes only with a release, so answers carry an ETag and
 * may be cached for a few minutes.
 */
@Controller("/api/v1/connectors")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Connectors", description = "The connectors installed on this platform and their config schemas")
public class ConnectorsController {

    /** Shared caches may keep an answer for five minutes; a release changes it. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final ConnectorCatalog catalog;

    public ConnectorsController(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listConnectors", summary = "List the installed connectors with their config schemas",
            description = "Anonymous. Answers 304 to an If-None-Match with the current ETag.")
    @ApiResponse(responseCode = "200", description = "The installed connectors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    array = @ArraySchema(schema = @Schema(implementation = InstalledConnector.class))))
    public HttpResponse<List<InstalledConnector>> list(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cacheable(catalog.list(), catalog.etag(), ifNoneMatch);
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getConnector", summary = "Describe one installed connector",
            description = "Anonymous. Answers 304 to an If-None-Match with the current ETag.")
    @ApiResponse(responseCode = "200", description = "The connector",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstalledConnector.class)))
    @ApiResponse(responseCode = "404", description = "No installed connector has this id")
    public HttpResponse<InstalledConnector> get(@PathVariable String id,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ConnectorCatalog.Entry entry = catalog.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No installed connector has the id '" + id + "'; GET /api/v1/connectors lists them."));
        return cacheable(entry.connector(), entry.etag(), ifNoneMatch);
    }

    private static <T> HttpResponse<T> cacheable(T body, String etag, @Nullable String ifNoneMatch) {
        boolean unchanged = ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("*"));
        MutableHttpResponse<T> response = unchanged ? HttpResponse.notModified() : HttpResponse.ok(body);
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
