package io.tillbridge.alerts.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** Until when an alert's re-notifications wait. */
@Serdeable
@Schema(description = "Until when an alert's re-notifications wait (at most 30 days ahead)")
public record SnoozeRequest(@NotNull @Schema(example = "2026-12-08T09:00:00Z") Instant until) {
}
