package io.tillbridge.support;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Whether a tenant is active or suspended, and why and since when if suspended.
 *
 * @param tenantId the tenant
 * @param status active or suspended
 * @param suspendedAt when it was suspended; absent while active
 * @param suspendedReason why it was suspended; absent while active
 */
@Serdeable
@Schema(name = "TenantState")
public record TenantState(
        @Schema(example = "3f2b8c1e-4a5d-4e8f-9b7a-2c1d0e9f8a7b") UUID tenantId,
        @Schema(example = "suspended", allowableValues = {"active", "suspended"}) String status,
        @Schema(nullable = true, example = "2026-11-26T14:03:12Z") Instant suspendedAt,
        @Schema(nullable = true, example = "Chargeback fraud under review") String suspendedReason) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    public boolean isSuspended() {
        return SUSPENDED.equals(status);
    }

    /** The state as the audit log records it before and after a change. */
    public Map<String, Object> audited() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", status);
        state.put("suspendedAt", suspendedAt == null ? null : suspendedAt.toString());
        state.put("suspendedReason", suspendedReason);
        return state;
    }
}
