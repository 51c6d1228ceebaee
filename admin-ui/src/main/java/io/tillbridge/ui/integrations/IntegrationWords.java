package io.tillbridge.ui.integrations;

import io.tillbridge.integrations.Integration;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;

/** Integrations as a merchant reads them: mode, status, mapping and last run in words. */
final class IntegrationWords {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private IntegrationWords() {
    }

    static String mode(Integration integration) {
        return "live".equals(integration.mode()) ? "Live" : "Shadow (writes nothing)";
    }

    static String status(Integration integration) {
        return integration.paused() ? "Paused" : "Active";
    }

    /** "pos-orders-to-warehouse, version 1", or a dash for an integration made by hand. */
    static String template(Integration integration) {
        return integration.template() == null ? "—"
                : integration.template().id() + ", version " + integration.template().version();
    }

    static String mapping(OptionalInt pinned) {
        return pinned.isPresent() ? "Version " + pinned.getAsInt() : "Copies fields as they are (no version pinned)";
    }

    /** "Succeeded · 2026-12-07 05:00 UTC": how the run ended (or where it stands) and when it was queued. */
    static String run(Run run) {
        String status = run.status() == RunStatus.QUEUED ? "Waiting to start"
                : run.status().wire().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + run.status().wire().substring(1);
        return status + " · " + time(run.queuedAt());
    }

    static String time(Instant at) {
        return TIME.format(at);
    }
}
