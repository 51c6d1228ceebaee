package io.tillbridge.integrations;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;
import java.util.UUID;

/**
 * Where an integration installed from a template came from (DD-039): the template, the version of
 * it that was installed, the template's key of this integration, and the install that made it
 * (the integrations of one install share it). Set at the install and never changed afterwards,
 * also when the merchant changes the integration.
 */
@Serdeable
@Schema(description = "The template an integration was installed from; null for one made by hand")
public record TemplateOrigin(
        @Schema(example = "pos-orders-to-warehouse") String id,
        @Schema(example = "1", description = "The template's version at the install") int version,
        @Schema(example = "orders", description = "The template's key of this integration") String key,
        @Schema(description = "The install that made it; the integrations of one install share it") UUID installId) {

    public TemplateOrigin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(installId, "installId");
    }
}
