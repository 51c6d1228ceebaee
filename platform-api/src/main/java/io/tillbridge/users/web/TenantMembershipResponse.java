package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.Membership;
import java.util.UUID;

/** A tenant the user belongs to; use its id in {@code /api/v1/tenants/{tenantId}/...}. */
@Serdeable
@Schema(name = "TenantMembership")
public record TenantMembershipResponse(
        @Schema(example = "6f1c9a52-1f0e-4d8e-9a35-2b7f3c0e8d11") UUID id,
        @Schema(example = "harbour-coffee-roasters") String slug,
        @Schema(example = "Harbour Coffee Roasters") String name,
        @Schema(description = "owner, admin, operator or viewer", example = "owner") String role,
        @Schema(description = "active or suspended", example = "active") String status) {

    static TenantMembershipResponse of(Membership m) {
        return new TenantMembershipResponse(m.tenant().value(), m.slug(), m.name(), m.role().wire(),
                m.suspended() ? "suspended" : "active");
    }
}
