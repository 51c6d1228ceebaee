package io.tillbridge.connector.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;

/**
 * Orders cursor values (update timestamps, version numbers) as the vendor means them: ISO-8601
 * date-times by instant ({@code 10:00:00Z} equals {@code 11:00:00+01:00}), numbers by value
 * ({@code 9 < 10}), anything else as text.
 */
public final class CursorValues {

    public static final Comparator<String> ORDER = CursorValues::compare;

    private CursorValues() {
    }

    public static int compare(String a, String b) {
        Optional<Instant> instantA = instant(a);
        Optional<Instant> instantB = instant(b);
        if (instantA.isPresent() && instantB.isPresent()) {
            return instantA.get().compareTo(instantB.get());
        }
        Optional<BigDecimal> numberA = number(a);
        Optional<BigDecimal> numberB = number(b);
        if (numberA.isPresent() && numberB.isPresent()) {
            return numberA.get().compareTo(numberB.get());
        }
        return a.compareTo(b);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
