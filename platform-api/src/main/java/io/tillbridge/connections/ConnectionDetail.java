package io.tillbridge.connections;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A connection to an outside system through one connector, as the API shows it: secret fields of
 * the config appear only as {@code {"set": true}}.
 */
@Serdeable
@Schema(description = "A connection to an outside system; secret config fields show only {\"set\": true}")
public record ConnectionDetail(
        UUID id,
        @Schema(example = "http-json") String connectorId,
        @Schema(example = "Till API") String name,
        @Schema(description = "The connector's config; secret fields are write-only and show as {\"set\": true}")
        Map<String, Object> config,
        @JsonInclude(JsonInclude.Include.NON_NULL) CheckOutcome lastCheck,
        @Schema(example = "1", description = "Sent as the ETag") int version,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "True when the connection talks to the vendor sandbox that ships with the platform"
                + " instead of the vendor") boolean sandbox) {
}
