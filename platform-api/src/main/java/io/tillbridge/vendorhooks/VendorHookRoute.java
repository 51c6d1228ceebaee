package io.tillbridge.vendorhooks;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A connection's vendor webhook route as the API shows it: where the vendor delivers and how the
 * subscription stands. The signing secret is never shown.
 *
 * @param subscriptionState {@code none} (nothing registered yet), {@code registered} (the platform
 *     registered the subscription with the vendor), {@code entered} (the merchant entered the signing
 *     secret) or {@code failed} (see {@code subscriptionError})
 */
@Serdeable
@Schema(name = "VendorWebhookRoute")
public record VendorHookRoute(UUID id, UUID connectionId, String url,
        @Schema(allowableValues = {"none", "registered", "entered", "failed"}) String subscriptionState,
        String subscriptionId, String subscriptionError, boolean receivesEvents, long pendingChanges,
        long waitingChanges, Instant updatedAt) {
}
