package io.tillbridge.connector.spi;

import java.net.URI;
import java.util.Objects;

/**
 * Optional role of a connector whose vendor lets an API call register the webhook subscription,
 * so that connecting is enough for changes to arrive.
 *
 * @param <C> the config record
 */
public interface WebhookSubscriptions<C extends Record> {

    /**
     * Registers, or updates, the subscription that sends this connection's changes to
     * {@code notificationUrl}. Idempotent for the same URL: calling it again answers the existing
     * subscription.
     *
     * @throws ConnectorException when the vendor refuses (AUTH, CONFIG) or cannot be reached
     */
    Subscription subscribe(C config, URI notificationUrl);

    /** Removes the subscription; an unknown id is not an error. */
    void unsubscribe(C config, String subscriptionId);

    /**
     * A registered subscription.
     *
     * @param id the vendor's subscription id
     * @param signingSecret the secret its deliveries are signed with (Square's signature key,
     *     Shopify's app secret); the platform seals it and passes it to
     *     {@link WebhookReceiver#receive}
     */
    record Subscription(String id, String signingSecret) {

        public Subscription {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(signingSecret, "signingSecret");
        }
    }
}
