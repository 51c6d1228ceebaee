package io.tillbridge.connector.spi;

/**
 * Optional role of a source connector whose system pushes change notifications to a URL the
 * platform gives each connection.
 *
 * <ul>
 *   <li>Called on the platform's receiving thread, once per delivery, <em>before</em> anything is
 *       stored: it must be fast (no network, no blocking) and must not trust the body before the
 *       signature or shared secret is checked.</li>
 *   <li>Verifies on the raw bytes exactly as received (a re-serialised body must fail) and
 *       compares signatures in constant time ({@link java.security.MessageDigest#isEqual}).</li>
 *   <li>Where the vendor signs a timestamp, refuses a delivery whose timestamp is missing or more
 *       than five minutes away from now.</li>
 *   <li>Throws {@link ConnectorException} with category AUTH when the signature or shared secret
 *       is missing or wrong, CONFIG when the verified body cannot be parsed.</li>
 *   <li>A delivery may repeat or arrive out of order: each event carries the vendor's event id,
 *       and each change the vendor's version of the object when the vendor sends one.</li>
 * </ul>
 *
 * @param <C> the config record
 */
public interface WebhookReceiver<C extends Record> {

    /**
     * Verifies one delivery and reads the changes it announces.
     *
     * @param signingSecret the secret this connection's deliveries are signed or authenticated
     *     with, as {@link WebhookSubscriptions#subscribe} answered it or the merchant typed it
     * @param request the delivery as received
     * @throws ConnectorException AUTH or CONFIG, as above
     */
    WebhookDelivery receive(C config, String signingSecret, WebhookRequest request);
}
