package io.tillbridge.settings;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant as its members see and configure it: identity, plan and status (read only here), and
 * the business settings and KPI targets. {@code version} is the ETag of the settings.
 */
@Serdeable
@Schema(name = "Tenant", description = "A tenant's identity, business settings and KPI targets")
public record TenantSettings(
        @Schema(example = "0b6f7f0e-4f7e-4f43-9f5c-2d1f0a4f9d1e") UUID id,
        @Schema(example = "harbour-coffee") String slug,
        @Schema(example = "Harbour Coffee Ltd") String businessName,
        @Schema(example = "EUR", description = "ISO 4217 code") String currency,
        @Schema(example = "free") String plan,
        @Schema(example = "active", allowableValues = {"active", "suspended"}) String status,
        KpiTargets kpiTargets,
        @Schema(example = "3", description = "Version of the settings; sent as the ETag") int version) {

    public TenantSettings {
        Objects.requireNonNull(id, "id");
        kpiTargets = kpiTargets == null ? KpiTargets.NONE : kpiTargets;
    }

    /** What an audit entry records of the settings: the configurable part. */
    public Map<String, Object> auditState() {
        Map<String, Object> kpi = new LinkedHashMap<>();
        kpi.put("manualMinutesPerRecord", kpiTargets.manualMinutesPerRecord());
        kpi.put("hourlyStaffCost", kpiTargets.hourlyStaffCost());
        kpi.put("targetErrorRate", kpiTargets.targetErrorRate());
        kpi.put("targetCompletionMinutes", kpiTargets.targetCompletionMinutes());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("businessName", businessName);
        state.put("currency", currency);
        state.put("kpiTargets", kpi);
        state.put("version", version);
        return state;
    }

    /**
     * Whether {@code change} would leave these settings as they are: the same business name and
     * currency, and KPI targets equal in value (2.50 and 2.5 are the same target).
     */
    public boolean unchangedBy(SettingsChange change) {
        return businessName.equals(change.businessName()) && currency.equals(change.currency().getCurrencyCode())
                && sameValue(kpiTargets.manualMinutesPerRecord(), change.kpiTargets().manualMinutesPerRecord())
                && sameValue(kpiTargets.hourlyStaffCost(), change.kpiTargets().hourlyStaffCost())
                && sameValue(kpiTargets.targetErrorRate(), change.kpiTargets().targetErrorRate())
                && sameValue(kpiTargets.targetCompletionMinutes(), change.kpiTargets().targetCompletionMinutes());
    }

    private static boolean sameValue(java.math.BigDecimal a, java.math.BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
