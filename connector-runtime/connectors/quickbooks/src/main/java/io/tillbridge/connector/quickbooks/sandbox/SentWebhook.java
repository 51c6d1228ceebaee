package io.tillbridge.connector.quickbooks.sandbox;

/**
 * One attempt of the sandbox to deliver a webhook.
 *
 * @param url where it was POSTed
 * @param body the raw body, as signed
 * @param signature the {@code intuit-signature} header
 * @param status the receiver's HTTP status, 0 when it could not be reached
 */
public record SentWebhook(String url, String body, String signature, int status) {
}
