package io.tillbridge.connector.shopify.sandbox;

import java.util.Map;

/**
 * One attempt to deliver a webhook, as sent, and what the receiver answered.
 *
 * @param status the receiver's HTTP status, or 0 when it could not be reached
 */
public record WebhookDelivery(String address, Map<String, String> headers, String body, int attempt, int status) {
}
