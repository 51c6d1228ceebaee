package io.tillbridge.alerts.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.alerts.RuleChange;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The fields of a rule to change; absent ones stay. */
@Serdeable
@Schema(description = "The fields of an alert rule to change; absent ones stay as they are")
public record UpdateAlertRuleRequest(
        @Nullable Boolean enabled,
        @Nullable @Schema(description = "Failed runs in a row, queued runs, minimum silence in minutes, or hours a final day may"
                + " stay unreconciled, by kind")
        Integer threshold,
        @Nullable @Schema(description = "backlog: open errors added over growthHours") Integer growth,
        @Nullable @Schema(description = "backlog: hours over which open errors are compared") Integer growthHours,
        @Nullable @Schema(description = "data_stopped: times the usual gap between records") BigDecimal factor,
        @Nullable @Schema(description = "data_stopped: weeks learned from, 2 to 12") Integer learnWeeks,
        @Nullable @Schema(description = "Minutes between re-notifications, 15 to 10080") Integer renotifyMinutes,
        @Nullable @Size(max = 20) @Schema(description = "Channels to notify") List<UUID> channelIds,
        @Nullable @Schema(description = "true: notify every channel of the tenant (channelIds is ignored)")
        Boolean allChannels) {

    RuleChange toChange() {
        return new RuleChange(enabled, threshold, growth, growthHours, factor, learnWeeks, renotifyMinutes, channelIds,
                Boolean.TRUE.equals(allChannels));
    }
}
