package io.tillbridge.partners;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's live grant of access to one partner. The partner's keys reach the tenant with the
 * permissions of their scopes until the grant is revoked.
 *
 * @param grantedBy the user who granted it; absent when support staff or a partner key did
 */
@Serdeable
@Schema(name = "PartnerGrant", description = "A partner's access to this tenant")
public record PartnerGrant(
        @Schema(example = "5b0f7f3e-8a44-4c52-9a0e-3f1f2f0c9d11") UUID partnerId,
        @Schema(example = "Acme Integrations") String partnerName,
        @Schema(example = "9d2c1a77-3c1e-4b2a-8d51-0b6f1f9a7e21", nullable = true) UUID grantedBy,
        @Schema(example = "2026-11-26T10:15:30Z") Instant grantedAt) {
}
