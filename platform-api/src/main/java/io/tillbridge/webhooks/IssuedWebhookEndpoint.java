package io.tillbridge.webhooks;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A new webhook endpoint with its signing secret, answered once, when it is created. */
@Serdeable
@Schema(description = "A new webhook endpoint; the signing secret is shown this once and never again")
public record IssuedWebhookEndpoint(
        UUID id,
        UUID integrationId,
        String url,
        @Schema(description = "Standard Webhooks signing secret (whsec_ and base64); store it now",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        Instant createdAt) {

    @Override
    public String toString() {
        return "IssuedWebhookEndpoint[id=" + id + ", integrationId=" + integrationId + ", url=" + url + ", secret=****]";
    }
}
