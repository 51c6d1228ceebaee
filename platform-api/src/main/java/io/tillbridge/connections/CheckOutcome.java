package io.tillbridge.connections;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The result of a connector's check of a connection: OK, or why not (CONFIG, AUTH, TRANSIENT,
 * SYSTEM), with a sentence for the merchant.
 */
@Serdeable
public record CheckOutcome(
        @Schema(example = "AUTH", allowableValues = {"OK", "CONFIG", "AUTH", "TRANSIENT", "SYSTEM"}) String status,
        @Schema(example = "the credentials were refused (401)") String message,
        Instant checkedAt) {
}
