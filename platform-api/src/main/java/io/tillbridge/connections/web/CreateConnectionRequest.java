package io.tillbridge.connections.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.connections.ConnectionDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A connection to create. Secret config fields are accepted here and then never shown again. */
@Serdeable
@Schema(description = "A connector id, a name and the connector's config (its JSON Schema names the fields)")
public record CreateConnectionRequest(
        @Schema(example = "http-json") @NotBlank String connectorId,
        @Schema(example = "Till API") @NotBlank @Size(max = 200) String name,
        @Schema(description = "The connector's config; secret fields (x-secret in its schema) are write-only")
        @NotNull Map<String, Object> config,
        @Schema(description = "Connect to the vendor sandbox that ships with the platform instead of the vendor:"
                + " the platform starts it and fills in where it is and, for an OAuth connector, the grant;"
                + " no vendor credentials needed", defaultValue = "false") @Nullable Boolean sandbox) {

    ConnectionDraft toDraft() {
        return new ConnectionDraft(connectorId, name, config, Boolean.TRUE.equals(sandbox));
    }

    @Override
    public String toString() {
        return "CreateConnectionRequest[connectorId=" + connectorId + ", name=" + name + ", fields="
                + (config == null ? "none" : config.keySet()) + ", sandbox=" + sandbox + "]";
    }
}
