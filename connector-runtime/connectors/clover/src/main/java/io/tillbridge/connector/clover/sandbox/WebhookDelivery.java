package io.tillbridge.connector.clover.sandbox;

/**
 * One webhook POST the sandbox made.
 *
 * @param kind {@code verification} (the one-off {@code {"verificationCode"}} POST) or {@code event}
 * @param url where it went
 * @param body the raw JSON body
 * @param status the receiver's HTTP status; 0 when it could not be reached, -1 when the sandbox
 *     dropped the message on purpose ({@link CloverSandboxOptions#webhookDropRate()})
 */
public record WebhookDelivery(String kind, String url, String body, int status) {
}
