package io.tillbridge.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One alert rule of an integration.
 *
 * @param threshold failed runs in a row (consecutive_failures), queued runs (backlog), minimum
 *        silence in minutes (data_stopped) or hours a final business day may stay unreconciled
 *        (unreconciled); not used by error_rate, completion_time, credentials
 * @param growth open errors added over growthHours from which the backlog rule fires
 * @param factor times the usual gap between records after which data_stopped fires
 * @param learnWeeks weeks of activity data_stopped learns business hours from
 * @param channelIds the channels notified; null for every channel of the tenant
 */
@Serdeable
@Schema(description = "An alert rule of an integration")
public record AlertRule(
        UUID id,
        UUID integrationId,
        @Schema(allowableValues = {"consecutive_failures", "error_rate", "completion_time", "credentials",
                "data_stopped", "backlog", "unreconciled"}) String kind,
        String title,
        boolean enabled,
        int threshold,
        @Nullable Integer growth,
        @Nullable Integer growthHours,
        @Nullable BigDecimal factor,
        @Nullable Integer learnWeeks,
        int renotifyMinutes,
        @Nullable List<UUID> channelIds,
        int version) {

    /** What an audit entry records of a rule. */
    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("kind", kind);
        state.put("integrationId", integrationId.toString());
        state.put("enabled", enabled);
        state.put("threshold", threshold);
        state.put("growth", growth);
        state.put("growthHours", growthHours);
        state.put("factor", factor == null ? null : factor.toPlainString());
        state.put("learnWeeks", learnWeeks);
        state.put("renotifyMinutes", renotifyMinutes);
        state.put("channelIds", channelIds == null ? null : channelIds.stream().map(UUID::toString).toList());
        state.put("version", version);
        return state;
    }
}
