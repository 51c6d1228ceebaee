package io.tillbridge.audit;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded event of the audit log, as it is read back.
 *
 * @param id the entry's id; increases with every append
 * @param tenantId the tenant the event belongs to; absent for platform-wide events
 * @param occurredAt when the event was recorded
 * @param actor who did it
 * @param action what happened, e.g. {@code support.tenant.suspended}
 * @param targetType the kind of thing it happened to, e.g. {@code tenant}
 * @param targetId the id of that thing
 * @param before the state before, as recorded (secrets were redacted on write)
 * @param after the state after, as recorded (secrets were redacted on write)
 */
@Serdeable
@Schema(name = "AuditEntry", description = "One event of the audit log. Entries are never changed or deleted.")
public record AuditEntry(
        @Schema(example = "1042") long id,
        @Schema(example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b", nullable = true) UUID tenantId,
        @Schema(example = "2026-11-26T14:03:12.481Z") Instant occurredAt,
        ActorInfo actor,
        @Schema(example = "support.tenant.suspended") String action,
        @Schema(example = "tenant", nullable = true) String targetType,
        @Schema(example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b", nullable = true) String targetId,
        @Schema(type = "object", nullable = true, example = "{\"status\": \"active\"}") Map<String, Object> before,
        @Schema(type = "object", nullable = true,
                example = "{\"status\": \"suspended\", \"suspendedReason\": \"Chargeback fraud under review\"}")
        Map<String, Object> after) {

    /**
     * Who did it. For a support user working inside a tenant through an impersonation, {@code kind}
     * is support, {@code id} the support user, and {@code onBehalfOf} names the impersonation and
     * the tenant, so that both identities are on record.
     *
     * @param kind user, partner, support or system
     * @param id the user id, partner key id, support user id, or a system component's name
     * @param label a readable name when one was recorded (e-mail address, partner name)
     * @param onBehalfOf {@code impersonation:<id> tenant:<id>} for impersonated actions; else absent
     */
    @Serdeable
    @Schema(name = "AuditActor")
    public record ActorInfo(
            @Schema(example = "support", allowableValues = {"user", "partner", "support", "system"}) String kind,
            @Schema(example = "9d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a", nullable = true) String id,
            @Schema(example = "alex@support.example", nullable = true) String label,
            @Schema(example = "impersonation:1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809 tenant:3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b",
                    nullable = true) String onBehalfOf) {
    }
}
