package io.tillbridge.connectlinks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A connect session as its partner sees it. The token is never shown again after creation: only
 * {@link CreatedConnectLink} carries the URL.
 *
 * @param id the session
 * @param status pending (not finished, not expired), completed, declined or expired
 * @param connectorId the connector the merchant is asked to connect
 * @param redirectUrl where the merchant's browser is sent back
 * @param sandbox whether the connection goes to the shipped sandbox
 * @param expiresAt until when the link can be opened
 * @param connectionId the connection it created, once completed
 * @param createdAt when the partner created it
 */
@Serdeable
@Schema(description = "A partner's connect session for one tenant")
public record ConnectLink(
        UUID id,
        @Schema(description = "pending, completed, declined or expired") String status,
        String connectorId,
        URI redirectUrl,
        boolean sandbox,
        Instant expiresAt,
        @Schema(description = "The connection created, once completed", nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable UUID connectionId,
        Instant createdAt) {
}
