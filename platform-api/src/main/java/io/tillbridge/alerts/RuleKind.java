package io.tillbridge.alerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of alert rule. Each integration has one rule of each kind, created with these defaults.
 * {@code threshold} means: failed runs in a row, queued runs, minimum silence in minutes, or hours a
 * business day may stay unreconciled after it became final.
 */
public enum RuleKind {
    CONSECUTIVE_FAILURES("consecutive_failures", "Runs failed in a row", 3),
    ERROR_RATE("error_rate", "Error rate above target", 1),
    COMPLETION_TIME("completion_time", "Completion time above target", 1),
    CREDENTIALS("credentials", "Credentials failing", 1),
    DATA_STOPPED("data_stopped", "Data stopped arriving", 30),
    BACKLOG("backlog", "Backlog growing", 5),
    /** A final business day of a journal integration still not matched in its target, threshold hours after it became final. */
    UNRECONCILED("unreconciled", "Day not reconciled", 24);

    /** Default open errors added over {@link #DEFAULT_GROWTH_HOURS} for the backlog rule. */
    public static final int DEFAULT_GROWTH = 100;
    public static final int DEFAULT_GROWTH_HOURS = 6;
    /** Default factor on the usual gap between records, and weeks learned from, for the silence rule. */
    public static final double DEFAULT_FACTOR = 3.0;
    public static final int DEFAULT_LEARN_WEEKS = 4;
    /** Default minutes between re-notifications of an open alert. */
    public static final int DEFAULT_RENOTIFY_MINUTES = 240;

    private final String wire;
    private final String title;
    private final int defaultThreshold;

    RuleKind(String wire, String title, int defaultThreshold) {
        this.wire = wire;
        this.title = title;
        this.defaultThreshold = defaultThreshold;
    }

    public String wire() {
        return wire;
    }

    public String title() {
        return title;
    }

    public int defaultThreshold() {
        return defaultThreshold;
    }

    public static Optional<RuleKind> of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
