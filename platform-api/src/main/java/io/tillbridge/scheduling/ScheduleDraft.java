package io.tillbridge.scheduling;

/**
 * A schedule as a caller asks for it: either {@code cron} (with {@code timeZone}, default UTC) or
 * {@code intervalSeconds}; {@code enabled} defaults to true. Validated by {@link ScheduleService}.
 */
public record ScheduleDraft(String cron, String timeZone, Integer intervalSeconds, Boolean enabled) {
}
