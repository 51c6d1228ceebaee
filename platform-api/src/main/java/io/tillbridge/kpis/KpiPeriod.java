package io.tillbridge.kpis;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The length of the KPIs' buckets. Buckets are calendar days, ISO weeks (from Monday) and months, in UTC. */
public enum KpiPeriod {
    DAY, WEEK, MONTH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The unit of PostgreSQL's {@code date_trunc} for this period. */
    public String truncUnit() {
        return wire();
    }

    /** The first day of the bucket that {@code date} falls in. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The first day of the bucket after the one starting {@code start}. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** The period of {@code wire} (day, week or month); null when it is none of them. */
    public static KpiPeriod fromWire(String wire) {
        for (KpiPeriod period : values()) {
            if (period.wire().equals(wire)) {
                return period;
            }
        }
        return null;
    }
}
