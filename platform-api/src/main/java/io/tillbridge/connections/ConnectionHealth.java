package io.tillbridge.connections;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Whether a connection's credentials work, from the platform's periodic check and the checks
 * members start.
 *
 * @param status {@code ok}, {@code failing}, {@code unchecked} (not checked yet) or {@code sandbox}
 *     (a shipped sandbox: not checked periodically)
 * @param reasons what is wrong or close to going wrong, in words
 * @param failingSince when the checks started failing (null when they work)
 * @param accessExpiresAt when its OAuth access ends and cannot be renewed without connecting again
 *     (no refresh token), when known
 * @param accessExpiresSoon whether that is within {@link ConnectionChecks#EXPIRY_WARNING}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A connection's health: whether its credentials work and whether its access ends soon")
public record ConnectionHealth(
        UUID id,
        @Schema(example = "Square, main account") String name,
        @Schema(example = "square") String connectorId,
        @Schema(example = "failing", allowableValues = {"ok", "failing", "unchecked", "sandbox"}) String status,
        List<String> reasons,
        @Nullable Instant checkedAt,
        @Nullable @Schema(example = "AUTH", description = "Why the last check failed: CONFIG, AUTH, TRANSIENT, SYSTEM") String category,
        @Nullable String message,
        @Nullable Instant failingSince,
        @Nullable Instant accessExpiresAt,
        boolean accessExpiresSoon) {
}
