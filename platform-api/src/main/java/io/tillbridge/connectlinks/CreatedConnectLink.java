package io.tillbridge.connectlinks;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A new connect session: the only time its URL (with the single-use token) is shown.
 *
 * @param id the session, for status reads
 * @param url the portal page to send the merchant to
 * @param expiresAt when the link stops working if nobody used it
 */
@Serdeable
@Schema(description = "A new connect session; the URL is shown once")
public record CreatedConnectLink(UUID id,
        @Schema(description = "The portal page to send the merchant to; works once") URI url,
        Instant expiresAt) {
}
