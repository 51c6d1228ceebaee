package io.tillbridge.templates.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.paging.Page;
import io.tillbridge.templates.Template;
import io.tillbridge.templates.TemplateCatalog;
import io.tillbridge.templates.TemplateInstalls;

/**
 * The template catalog (DD-039): the ready-made integration sets this platform offers. Any signed-in
 * user or API key may read it; it holds no tenant data and changes only with a release.
 */
@Controller("/api/v1/templates")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Templates", description = "Ready-made integrations with their mappings, installed into a tenant in one call")
public class TemplatesController {

    private final TemplateCatalog catalog;
    private final TemplateInstalls installs;

    public TemplatesController(TemplateCatalog catalog, TemplateInstalls installs) {
        this.catalog = catalog;
        this.installs = installs;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listTemplates", summary = "List the templates this platform offers",
            description = "Each with the connectors its source and target connections may have, and the integrations"
                    + " it creates with their mappings, schedules and modes. One page holds them all.")
    public Page<Template> list() {
        return new Page<>(catalog.list(), null);
    }

    @Get(uri = "/{templateId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTemplate", summary = "Describe one template")
    @ApiResponse(responseCode = "200", description = "The template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Template.class)))
    @ApiResponse(responseCode = "404", description = "No template has this id")
    public Template get(@PathVariable String templateId) {
        return installs.template(templateId);
    }
}
