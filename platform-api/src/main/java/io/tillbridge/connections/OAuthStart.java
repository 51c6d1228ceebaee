package io.tillbridge.connections;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A started OAuth authorization: where to send the merchant's browser, and until when the answer
 * is taken.
 *
 * @param authorizationUrl the vendor's authorization page, with the single-use state in it
 * @param expiresAt when the state expires (10 minutes after the start)
 * @param scopes the scopes asked for, in the vendor's spelling
 * @param redirectUri the callback the vendor sends the browser back to
 */
@Serdeable
@Schema(description = "Where to send the merchant's browser to grant access")
public record OAuthStart(
        @Schema(description = "The vendor's authorization page; open it in the merchant's browser") URI authorizationUrl,
        @Schema(description = "The authorization works once and until then") Instant expiresAt,
        @Schema(description = "The scopes asked for, in the vendor's spelling; empty when the vendor grants"
                + " what the app was registered with (Clover)") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> scopes,
        @Schema(description = "The callback the vendor redirects to") URI redirectUri) {
}
