package io.tillbridge.outbound;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A subscription with its new signing secret, answered once, on create and on rotate.
 *
 * @param previousSecretExpiresAt until when the replaced secret still signs beside the new one (rotate only)
 */
@Serdeable
public record SubscriptionSecret(WebhookSubscription subscription,
        @Schema(description = "whsec_ followed by the base64 of the key bytes; shown only now") String secret,
        Instant previousSecretExpiresAt) {

    @Override
    public String toString() {
        return "SubscriptionSecret[" + subscription.id() + ", secret=****]";
    }
}
