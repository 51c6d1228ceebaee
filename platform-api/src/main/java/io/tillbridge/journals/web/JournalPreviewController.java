package io.tillbridge.journals.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import io.tillbridge.journals.JournalPreview;
import io.tillbridge.journals.JournalPreviewRequest;
import io.tillbridge.journals.JournalPreviews;
import java.util.UUID;

/** The journals an accounting integration would post for a business day, before it is enabled. */
@Controller("/api/v1/tenants/{tenantId}/integrations/{integrationId}/journal-preview")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Mappings", description = "Typed, versioned field mappings of an integration, with live preview")
public class JournalPreviewController {

    private final TenantAccess access;
    private final JournalPreviews previews;

    public JournalPreviewController(TenantAccess access, JournalPreviews previews) {
        this.access = access;
        this.previews = previews;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @RequestBody(description = "{day: YYYY-MM-DD, version?: a saved mapping version (else the pinned one)}",
            required = true)
    @ApiResponse(responseCode = "200", description = "The day's journals, final or not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JournalPreview.class)))
    @ApiResponse(responseCode = "422", description = "No day, a mapping that makes no journals, a stream without"
            + " business days, a source that cannot be read, or more records or time than a preview may take")
    @Operation(operationId = "previewJournals", summary = "Show the journals the integration would post for a day",
            description = "Reads the source stream in full (bounded), maps and aggregates the day's records with the"
                    + " pinned or given mapping version and answers each journal: lines, totals, whether it balances,"
                    + " whether and from when the day is final, and the values held for not mapping with their"
                    + " amounts. Stores nothing and writes nothing to the target.")
    public JournalPreview preview(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
            @Body JournalPreviewRequest body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return previews.preview(scope, integrationId, body);
    }
}
