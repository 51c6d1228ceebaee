package io.tillbridge.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.integrations.Integration;
import io.tillbridge.scheduling.Schedule;
import java.util.List;
import java.util.UUID;

/** What one install of a template made: each integration with its pinned mapping version and schedule. */
@Serdeable
@Schema(description = "The integrations one install of a template created")
public record TemplateInstallation(
        @Schema(example = "pos-orders-to-warehouse") String templateId,
        @Schema(example = "1") int templateVersion,
        @Schema(description = "Shared by the integrations this install made (their template.installId)") UUID installId,
        List<Installed> integrations) {

    public TemplateInstallation {
        integrations = List.copyOf(integrations);
    }

    /** One integration the install created. */
    @Serdeable
    public record Installed(
            @Schema(example = "orders", description = "The template's key of it") String key,
            Integration integration,
            @Schema(example = "1", description = "The mapping version it was created with, pinned") int mappingVersion,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            @Schema(description = "Its schedule; null when the template has none for it or the install asked for none")
            Schedule schedule) {
    }
}
