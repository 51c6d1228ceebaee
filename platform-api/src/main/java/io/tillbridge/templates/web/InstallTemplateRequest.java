package io.tillbridge.templates.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.templates.TemplateInstallDraft;
import io.tillbridge.templates.TemplateInstalls;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** An install of a template into the tenant. */
@Serdeable
@Schema(description = "The tenant's connections a template's integrations read from and write to, and how to make them")
public record InstallTemplateRequest(
        @Schema(description = "A connection whose connector emits the canonical POS streams (the template's"
                + " source.connectors)") @NotNull UUID sourceConnectionId,
        @Schema(description = "A connection whose connector is one of the template's target.connectors")
        @NotNull UUID targetConnectionId,
        @Schema(description = "Put before each integration's name, e.g. a store's name; absent: the template's names",
                example = "Harbour Street") @Nullable @Size(max = TemplateInstalls.MAX_NAME_PREFIX) String namePrefix,
        @Schema(description = "The mode of every integration made; absent: each one's mode in the template (shadow"
                + " unless it says live)", allowableValues = {"shadow", "live"}) @Nullable String mode,
        @Schema(description = "Whether to create the template's schedules (default true); false: the integrations run"
                + " only when started") @Nullable Boolean schedule) {

    TemplateInstallDraft toDraft() {
        return new TemplateInstallDraft(sourceConnectionId, targetConnectionId, namePrefix, mode, schedule);
    }
}
