package io.tillbridge.connections;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A connector installed on this platform, as the public connector catalog shows it: what it is,
 * what it can do, the streams it always offers, how a merchant grants it access, and the JSON
 * Schema of its config, from which partners and the portal build their forms. The schema marks
 * secret fields ({@code writeOnly}, {@code x-secret}) and carries no value for them.
 */
@Serdeable
@Schema(description = "A connector installed on this platform")
public record InstalledConnector(
        @Schema(description = "Stable id, used as connectorId when creating a connection", example = "square") String id,
        @Schema(description = "Display name") String name,
        @Schema(description = "One or two sentences about the connector; empty if none")
        @JsonInclude(JsonInclude.Include.ALWAYS) String description,
        @Schema(description = "The connector's version") String version,
        @Schema(description = "What the connector can do: source, target, webhook") List<String> roles,
        @Schema(description = "Streams every connection of this connector offers; empty when they depend on the"
                + " config and only discover can tell") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> streams,
        @Schema(description = "How a merchant grants access through OAuth2; null when the connector does not use it")
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable OAuth oauth,
        @Schema(description = "Whether a sandbox of the vendor ships with the platform: a connection may be created"
                + " with sandbox true and tried without vendor credentials") boolean sandbox,
        @Schema(description = "JSON Schema (draft 2020-12) of the connector's config; secret fields are marked"
                + " writeOnly and x-secret") Map<String, Object> configSchema) {

    /** A connector's OAuth2 authorization-code flow. */
    @Serdeable
    public record OAuth(
            @Schema(description = "The vendor's authorization page") String authorizeUrl,
            @Schema(description = "The vendor's token endpoint") String tokenUrl,
            @Schema(description = "The scopes the connector asks for, in the vendor's spelling") List<String> scopes,
            @Schema(description = "How the vendor joins scopes in the authorize URL") String scopeSeparator,
            @Schema(description = "Whether the platform runs the flow: POST"
                    + " /api/v1/tenants/{tenantId}/connections/oauth answers the authorization URL") boolean connect) {
    }
}
