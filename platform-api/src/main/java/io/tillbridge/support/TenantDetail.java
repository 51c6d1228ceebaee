package io.tillbridge.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Everything the support console shows about one tenant. */
@Serdeable
@Schema(name = "SupportTenantDetail")
public record TenantDetail(
        @Schema(example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b") UUID id,
        @Schema(example = "corner-bakery") String slug,
        @Schema(example = "Corner Bakery") String name,
        @Schema(example = "free") String plan,
        @Schema(example = "suspended", allowableValues = {"active", "suspended"}) String status,
        @Schema(nullable = true, example = "2026-11-26T14:03:12Z") Instant suspendedAt,
        @Schema(nullable = true, example = "Chargeback fraud under review") String suspendedReason,
        @Schema(example = "2026-10-01T08:00:00Z") Instant createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @ArraySchema(arraySchema = @Schema(description = "The tenant's members, owners first")) List<Member> users,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @ArraySchema(arraySchema = @Schema(description = "Partners the tenant granted access, revoked ones included"))
        List<PartnerGrant> partnerGrants,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @ArraySchema(arraySchema = @Schema(description = "The tenant's integrations, oldest first"))
        List<IntegrationSummary> integrations,
        Health health) {

    /** A member of the tenant. */
    @Serdeable
    @Schema(name = "SupportTenantMember")
    public record Member(
            @Schema(example = "9d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a") UUID userId,
            @Schema(example = "owner@corner-bakery.example") String email,
            @Schema(nullable = true, example = "Sam Baker") String displayName,
            @Schema(example = "owner", allowableValues = {"owner", "admin", "operator", "viewer"}) String role,
            @Schema(description = "Whether the user verified their e-mail address", example = "true") boolean verified,
            @Schema(example = "2026-10-01T08:00:00Z") Instant memberSince) {
    }

    /** One of the tenant's integrations, as support needs to see it. */
    @Serdeable
    @Schema(name = "SupportTenantIntegration")
    public record IntegrationSummary(
            @Schema(example = "7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d") UUID id,
            @Schema(example = "Orders to warehouse") String name,
            @Schema(example = "orders") String sourceStream,
            @Schema(example = "pos_orders") String targetObject,
            @Schema(allowableValues = {"shadow", "live"}) String mode,
            @Schema(allowableValues = {"active", "paused"}) String status,
            @Schema(example = "2026-10-02T09:00:00Z") Instant createdAt) {
    }

    /** A partner's access to the tenant. */
    @Serdeable
    @Schema(name = "SupportTenantPartnerGrant")
    public record PartnerGrant(
            @Schema(example = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d") UUID partnerId,
            @Schema(example = "Ledgerly Integrations") String partnerName,
            @Schema(example = "2026-10-03T10:00:00Z") Instant grantedAt,
            @Schema(nullable = true) Instant revokedAt,
            @Schema(example = "true") boolean active) {
    }

    /**
     * A first health summary. Activity means audit events other than the support console's own
     * ({@code support.*}) and refused cross-tenant attempts ({@code security.*}).
     */
    @Serdeable
    @Schema(name = "SupportTenantHealth", description = "Activity counts the audit events of the tenant's members,"
            + " partners and the platform, without the support console's own records (support.*) and refused"
            + " cross-tenant attempts (security.*).")
    public record Health(
            @Schema(example = "3") long members,
            @Schema(example = "2") long locations,
            @Schema(example = "17") long auditEventsLast24h,
            @Schema(nullable = true, example = "2026-11-26T13:58:40Z") Instant lastActivityAt) {
    }
}
