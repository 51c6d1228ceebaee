package io.tillbridge.kpis;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What KPIs to compute: the days {@code from} to {@code to} (both included, UTC), bucketed by
 * {@code period}, for one integration or (null) all of the tenant's.
 */
public record KpiQuery(LocalDate from, LocalDate to, KpiPeriod period, UUID integrationId) {

    /** The longest range a query may cover, in days. */
    public static final int MAX_DAYS = 400;

    /** The range when none is given: the 30 days up to and including today. */
    public static final int DEFAULT_DAYS = 30;

    public KpiQuery {
        if (from == null || to == null || period == null) {
            throw new IllegalArgumentException("A KPI query needs a range and a period");
        }
        if (from.isAfter(to)) {
            throw bad("from (" + from + ") must not be after to (" + to + ").");
        }
        if (days(from, to) > MAX_DAYS) {
            throw bad("The range covers " + days(from, to) + " days; at most " + MAX_DAYS + " are allowed.");
        }
    }

    /**
     * A query from the request's parameters, each optional: {@code from}/{@code to} as yyyy-MM-dd
     * (default: the {@value #DEFAULT_DAYS} days to {@code today}), {@code period} day, week or month
     * (default day), {@code integrationId} a UUID. A bad parameter is a problem (400) naming it.
     */
    public static KpiQuery parse(String from, String to, String period, String integrationId, LocalDate today) {
        LocalDate end = blank(to) ? today : date("to", to);
        LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        KpiPeriod p = blank(period) ? KpiPeriod.DAY : KpiPeriod.fromWire(period);
        if (p == null) {
            throw bad("period must be day, week or month, not \"" + shortened(period) + "\".");
        }
        UUID integration = null;
        if (!blank(integrationId)) {
            try {
                integration = UUID.fromString(integrationId);
            } catch (IllegalArgumentException e) {
                throw bad("integrationId must be a UUID, not \"" + shortened(integrationId) + "\".");
            }
        }
        return new KpiQuery(start, end, p, integration);
    }

    /** How many days the range covers. */
    public long days() {
        return days(from, to);
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name + " must be a date as yyyy-MM-dd, not \"" + shortened(value) + "\".");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private static ProblemException bad(String message) {
        return new ProblemException(ProblemType.BAD_REQUEST, message);
    }
}
