package io.tillbridge.connections.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.connections.ConnectionDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A connection's new name and config; it keeps its connector. */
@Serdeable
@Schema(description = "New name and config. A secret field left out, null or {\"set\": true} keeps the stored secret,"
        + " unless a target field (URL, host, endpoint) changes: then every stored secret must be given again")
public record UpdateConnectionRequest(
        @Schema(example = "Till API") @NotBlank @Size(max = 200) String name,
        @NotNull Map<String, Object> config) {

    ConnectionDraft toDraft() {
        return new ConnectionDraft(null, name, config);
    }

    @Override
    public String toString() {
        return "UpdateConnectionRequest[name=" + name + ", fields=" + (config == null ? "none" : config.keySet()) + "]";
    }
}
