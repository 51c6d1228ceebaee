package io.tillbridge.reconciliation;

import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The business days to reconcile, {@code from} to {@code to}, both included. */
public record ReconciliationQuery(LocalDate from, LocalDate to) {

    /** The longest range, in days: a quarter. */
    public static final int MAX_DAYS = 92;

    /** The range when none is given: the 14 days up to and including today. */
    public static final int DEFAULT_DAYS = 14;

    public ReconciliationQuery {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a reconciliation needs a range");
        }
        if (from.isAfter(to)) {
            throw bad("from", "must not be after to (" + to + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw bad("to", "the range covers " + days + " days; at most " + MAX_DAYS + " are allowed");
        }
    }

    /**
     * A query from the request's parameters, each optional ({@code yyyy-MM-dd}; default: the
     * {@value #DEFAULT_DAYS} days to {@code today}); a bad one is a problem (400) naming the field.
     */
    public static ReconciliationQuery parse(String from, String to, LocalDate today) {
        LocalDate end = blank(to) ? today : date("to", to);
        LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        return new ReconciliationQuery(start, end);
    }

    /** Whether {@code date} is in the range. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw bad(field, "must be a date as yyyy-MM-dd, not \"" + shown + "\"");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ProblemException bad(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, field + " " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }
}
