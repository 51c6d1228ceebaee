package io.tillbridge.ui;

import io.tillbridge.health.IntegrationHealth;
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

    private HealthWords() {
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
        out.add(h.queuedRuns() + (h.queuedRuns() == 1 ? " run" : " runs") + " waiting");
        out.add(h.openErrors() + (h.openErrors() == 1 ? " open error" : " open errors"));
        return String.join("; ", out) + ".";
    }
}
