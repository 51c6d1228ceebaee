package io.tillbridge.health;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An integration's health, computed from its runs and record errors (never typed in).
 *
 * @param status healthy, degraded, failing, paused or never_run (see {@link HealthService})
 * @param reasons why the status is not healthy, in words; empty when healthy
 * @param lastRunAt when its last run ended (succeeded or failed)
 * @param lastSuccessAt when its last successful run ended
 * @param lastFailureAt when its last failed run ended
 * @param lastWrittenAt when the last run that wrote records ended: how fresh the target's data is
 * @param consecutiveFailures failed runs since the last successful one
 * @param errorRate24h failed records / records read by the runs that ended in the last 24 hours; null without records
 * @param errorRate7d the same over 7 days
 * @param completionP50Seconds median duration of the successful runs of the last 7 days; null without any
 * @param completionP95Seconds 95th percentile of the same
 * @param queuedRuns runs queued or running now
 * @param openErrors record errors open in the error inbox
 * @param uptime7d the share of the scheduled intervals of the last 7 days in which a run succeeded
 *     ({@link Uptime}); null without a schedule or a completed interval
 * @param uptime30d the same over 30 days
 * @param locations the freshness of each vendor location of the source, stalest first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "An integration's health, computed from its runs and record errors")
public record IntegrationHealth(
        UUID integrationId,
        String name,
        @Schema(allowableValues = {"shadow", "live"}) String mode,
        @Schema(allowableValues = {"healthy", "degraded", "failing", "paused", "never_run"}) String status,
        List<String> reasons,
        @Nullable Instant lastRunAt,
        @Nullable Instant lastSuccessAt,
        @Nullable Instant lastFailureAt,
        @Nullable Instant lastWrittenAt,
        int consecutiveFailures,
        @Nullable @Schema(example = "0.002", description = "0 to 1") Double errorRate24h,
        @Nullable @Schema(example = "0.004", description = "0 to 1") Double errorRate7d,
        @Nullable Double completionP50Seconds,
        @Nullable Double completionP95Seconds,
        long queuedRuns,
        long openErrors,
        @Nullable @Schema(example = "0.995", description = "0 to 1") Double uptime7d,
        @Nullable @Schema(example = "0.998", description = "0 to 1") Double uptime30d,
        List<LocationFreshness> locations) {
}
