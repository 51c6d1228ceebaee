package io.tillbridge.vendorhooks;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What one accepted delivery became.
 *
 * @param stored events stored by this delivery
 * @param duplicates events the connection had already (redeliveries)
 * @param handshake a value the vendor expects back (Clover's verification code); null otherwise
 */
@Serdeable
public record VendorHookReceipt(int stored, int duplicates, String handshake) {
}
