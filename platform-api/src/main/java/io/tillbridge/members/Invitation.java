package io.tillbridge.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An invitation to join a tenant. Its token is only ever in the mail to the invited address. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "An invitation to join the tenant")
public record Invitation(
        @Schema(example = "9c4b1d2e-7f3a-4e8b-a1c2-3d4e5f6a7b8c") UUID id,
        @Schema(example = "sam@harbour-coffee.example") String email,
        @Schema(example = "operator", allowableValues = {"owner", "admin", "operator", "viewer"}) String role,
        @Schema(example = "pending", allowableValues = {"pending", "accepted", "revoked", "expired"}) String status,
        @Schema(description = "The user who sent it; null when a partner did") UUID invitedBy,
        Instant createdAt,
        Instant expiresAt) {

    public static final String PENDING = "pending";

    Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("email", email);
        state.put("role", role);
        state.put("status", status);
        state.put("expiresAt", expiresAt.toString());
        return state;
    }
}
