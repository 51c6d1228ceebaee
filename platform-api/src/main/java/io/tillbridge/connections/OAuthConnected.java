package io.tillbridge.connections;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.UUID;

/**
 * The outcome of a granted OAuth authorization: the new connection and where the portal continues.
 *
 * @param tenantId the tenant the connection belongs to
 * @param connectionId the new connection; its tokens are in the vault and never shown
 * @param continueUrl the portal page of the connection
 * @param sandbox whether it talks to the shipped sandbox
 */
@Serdeable
@Schema(description = "A connection created from a granted authorization")
public record OAuthConnected(UUID tenantId, UUID connectionId,
        @Schema(description = "The portal page where the merchant continues") URI continueUrl, boolean sandbox) {
}
