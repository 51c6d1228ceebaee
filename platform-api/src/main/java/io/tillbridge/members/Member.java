package io.tillbridge.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.TenantRole;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A user's membership of a tenant, as the tenant's members see it. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A member of the tenant")
public record Member(
        @Schema(example = "6a0e3c1e-2b7d-4f1a-9d3c-8e2f1b4a7c55", description = "The user's id") UUID id,
        @Schema(example = "dana@harbour-coffee.example") String email,
        @Schema(example = "Dana Byrne", description = "Display name; null when the user set none") String name,
        @Schema(example = "admin", allowableValues = {"owner", "admin", "operator", "viewer"}) String role,
        Instant joinedAt,
        @Schema(example = "1", description = "Version of the membership; sent as the ETag") int version) {

    public TenantRole tenantRole() {
        return TenantRole.fromWire(role);
    }

    /** What an audit entry records of a membership. */
    Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("userId", id.toString());
        state.put("email", email);
        state.put("role", role);
        return state;
    }
}
