package io.tillbridge.connections.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.connections.ConnectionDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A connection to create once the merchant grants access at the vendor. No secret fields. */
@Serdeable
@Schema(description = "A connector id, a name, the sandbox choice and the connector's non-secret config")
public record StartOAuthRequest(
        @Schema(example = "square") @NotBlank String connectorId,
        @Schema(example = "Square, main account") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Grant access at the vendor sandbox that ships with the platform instead of the vendor",
                defaultValue = "false") @Nullable Boolean sandbox,
        @Schema(description = "The connector's non-secret config fields (e.g. a shop name); secrets come from the grant")
        @Nullable @Size(max = 50) Map<String, Object> config) {

    ConnectionDraft toDraft() {
        return new ConnectionDraft(connectorId, name, config == null ? Map.of() : config, Boolean.TRUE.equals(sandbox));
    }
}
