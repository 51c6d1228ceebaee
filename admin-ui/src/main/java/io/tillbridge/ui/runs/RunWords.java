package io.tillbridge.ui.runs;

import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Runs as a merchant reads them: statuses, triggers, counts and durations in words. */
public final class RunWords {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private RunWords() {
    }

    public static String status(RunStatus status) {
        return switch (status) {
            case QUEUED -> "Waiting to start";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }

    static String trigger(RunTrigger trigger) {
        return switch (trigger) {
            case MANUAL -> "Run now";
            case SCHEDULE -> "Schedule";
            case WEBHOOK -> "Webhook";
            case RETRY -> "Retry of errors";
            case REPLAY -> "Replay";
        };
    }

    static String counts(RunCounts counts) {
        return counts.read() + " read · " + counts.written() + " written · " + counts.unchanged() + " unchanged · "
                + counts.failed() + " failed";
    }

    static String duration(Run run) {
        if (run.startedAt() == null) {
            return "";
        }
        if (run.finishedAt() == null) {
            return "running";
        }
        Duration took = Duration.between(run.startedAt(), run.finishedAt());
        if (took.toSeconds() < 1) {
            return took.toMillis() + " ms";
        }
        if (took.toMinutes() < 1) {
            return String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
        }
        return took.toMinutes() + " min " + took.toSecondsPart() + " s";
    }
}
