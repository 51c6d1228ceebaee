package io.tillbridge.scheduling;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** When an integration runs by itself: a cron expression in a time zone, or a fixed interval. */
@Serdeable
@Schema(description = "An integration's schedule: a Quartz cron expression in a time zone, or a fixed interval")
public record Schedule(
        UUID integrationId,
        @Nullable @Schema(description = "Quartz cron expression (seconds first), e.g. 0 0 * * * ? for every hour",
                example = "0 0 6 * * ?") String cron,
        @Schema(description = "IANA time zone of the cron expression", example = "Europe/Paris") String timeZone,
        @Nullable @Schema(description = "Fixed interval in seconds, instead of cron", example = "900") Integer intervalSeconds,
        @Schema(description = "A disabled schedule keeps its definition and starts no runs") boolean enabled,
        @Schema(example = "1", description = "Sent as the ETag") int version,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "The next (up to 5) times the schedule fires; empty while disabled")
        List<Instant> nextFireTimes,
        Instant createdAt,
        Instant updatedAt) {

    public Schedule withNextFireTimes(List<Instant> times) {
        return new Schedule(integrationId, cron, timeZone, intervalSeconds, enabled, version, List.copyOf(times),
                createdAt, updatedAt);
    }
}
