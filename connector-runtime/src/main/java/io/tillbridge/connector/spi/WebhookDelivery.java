package io.tillbridge.connector.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one verified webhook delivery carries.
 *
 * @param events the events in it, in the vendor's order; empty for a handshake
 * @param handshake a value the vendor sent to prove the URL works and that the merchant or the
 *     platform must hand back (Clover's {@code verificationCode}); null for an ordinary delivery
 */
public record WebhookDelivery(List<WebhookEvent> events, String handshake) {

    public WebhookDelivery {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    /** An ordinary delivery. */
    public static WebhookDelivery of(List<WebhookEvent> events) {
        return new WebhookDelivery(events, null);
    }
}
