package io.tillbridge.scheduling.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.scheduling.ScheduleDraft;

/** A schedule to set: either {@code cron} (in {@code timeZone}) or {@code intervalSeconds}. */
@Serdeable
@Schema(description = "Either cron (with timeZone, default UTC) or intervalSeconds; enabled defaults to true")
public record ScheduleRequest(
        @Nullable @Schema(example = "0 0 6 * * ?", description = "Quartz cron expression, seconds first") String cron,
        @Nullable @Schema(example = "Europe/Paris") String timeZone,
        @Nullable @Schema(example = "900") Integer intervalSeconds,
        @Nullable Boolean enabled) {

    public ScheduleDraft toDraft() {
        return new ScheduleDraft(cron, timeZone, intervalSeconds, enabled);
    }
}
