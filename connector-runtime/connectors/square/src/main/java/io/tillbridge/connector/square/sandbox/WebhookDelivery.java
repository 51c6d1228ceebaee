package io.tillbridge.connector.square.sandbox;

/**
 * One attempt to deliver a webhook event.
 *
 * @param eventId the event's {@code event_id}
 * @param type the event type ({@code order.created})
 * @param url the subscription's {@code notification_url}
 * @param attempt 1 for the first attempt
 * @param status the receiver's HTTP status, or 0 when it could not be reached
 */
public record WebhookDelivery(String eventId, String type, String url, int attempt, int status) {
}
