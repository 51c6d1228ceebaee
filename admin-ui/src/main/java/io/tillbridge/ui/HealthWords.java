package io.tillbridge.ui;

import io.tillbridge.health.IntegrationHealth;
import io.tillbridge.health.LocationFreshness;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An integration's health in words, as the home page and the integration's page show it. */
public final class HealthWords {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> STATUS = Map.of("failing", "Failing", "degraded", "Degraded",
            "never_run", "Never run", "paused", "Paused", "healthy", "Healthy");

    /** The most locations the figures name; the rest are counted. */
    static final int MAX_LOCATIONS = 5;

    private HealthWords() {
    }

    /** An age in words: "40 s old", "9 min old", "2 h 5 min old", "3 days old". */
    public static String age(long seconds) {
        if (seconds < 60) {
            return seconds + " s old";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min old";
        }
        if (seconds < 2 * 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min old";
        }
        return seconds / 86_400 + " days old";
    }

    /** A connection's status as words: Working, Failing, Not checked yet, Sandbox. */
    public static String connectionStatus(String status) {
        return switch (status) {
            case "ok" -> "Working";
            case "failing" -> "Failing";
            case "unchecked" -> "Not checked yet";
            case "sandbox" -> "Sandbox";
            default -> status;
        };
    }

    /** The status as a word: Failing, Degraded, Never run, Paused, Healthy. */
    public static String status(String status) {
        return STATUS.getOrDefault(status, status);
    }

    /** A time as the portal writes it, or "never". */
    public static String when(Instant at) {
        return at == null ? "never" : WHEN.format(at);
    }

    /** The figures in words; what is not known yet is left out. */
    public static String figures(IntegrationHealth h) {
        List<String> out = new ArrayList<>();
        out.add("Last success: " + when(h.lastSuccessAt()));
        out.add("last records written: " + when(h.lastWrittenAt()));
        if (h.errorRate24h() != null) {
            out.add(String.format(Locale.ROOT, "records failed in 24 h: %.2f%%", h.errorRate24h() * 100));
        }
        if (h.completionP95Seconds() != null) {
            out.add(String.format(Locale.ROOT, "run time p50 %.0f s, p95 %.0f s (7 days)", h.completionP50Seconds(),
                    h.completionP95Seconds()));
        }
        if (h.uptime7d() != null) {
            out.add(String.format(Locale.ROOT, "uptime %.1f%% over 7 days", h.uptime7d() * 100)
                    + (h.uptime30d() == null ? "" : String.format(Locale.ROOT, ", %.1f%% over 30 days", h.uptime30d() * 100)));
        }
        if (!h.locations().isEmpty()) {
            List<String> ages = new ArrayList<>();
            for (LocationFreshness l : h.locations().subList(0, Math.min(MAX_LOCATIONS, h.locations().size()))) {
                ages.add((l.location().isEmpty() ? "no location" : l.location()) + " " + age(l.ageSeconds()));
            }
            int more = h.locations().size() - MAX_LOCATIONS;
            out.add("newest record, stalest location first: " + String.join(", ", ages)
                    + (more > 0 ? " and " + more + " more" : ""));
        }
        out.add(h.queuedRuns() + (h.queuedRuns() == 1 ? " run" : " runs") + " waiting");
        out.add(h.openErrors() + (h.openErrors() == 1 ? " open error" : " open errors"));
        return String.join("; ", out) + ".";
    }
}
