package io.tillbridge.ui.settings;

import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The currencies a merchant may choose: those some country uses today, by the JDK's ISO 4217 data
 * for the current date, so that withdrawn codes (ATS, DEM, ...) and funds codes are not offered,
 * each with its English name.
 */
final class CurrencyChoices {

    private static final List<String> IN_USE = Arrays.stream(Locale.getISOCountries())
            .map(country -> Currency.getInstance(new Locale("", country)))
            .filter(Objects::nonNull)
            .map(Currency::getCurrencyCode)
            .distinct()
            .sorted()
            .toList();

    private CurrencyChoices() {
    }

    /** The codes in use, sorted. */
    static List<String> inUse() {
        return IN_USE;
    }

    /** "EUR · Euro". */
    static String label(String code) {
        try {
            return code + " · " + Currency.getInstance(code).getDisplayName(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            return code;
        }
    }
}
