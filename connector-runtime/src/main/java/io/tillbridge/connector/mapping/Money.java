package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/** Money arithmetic by ISO 4217 currency digits, BigDecimal only. */
public final class Money {

    private static final java.util.Map<String, Optional<Integer>> DIGITS = new java.util.HashMap<>();

    static {
        for (Currency c : Currency.getAvailableCurrencies()) {
            int d = c.getDefaultFractionDigits();
            DIGITS.put(c.getCurrencyCode(), d < 0 ? Optional.empty() : Optional.of(d));
        }
    }

    private Money() {
    }

    /** The currency's digits (USD 2, JPY 0, BHD 3), or empty for an unknown code or one without digits. */
    public static Optional<Integer> digits(String currencyCode) {
        if (currencyCode == null) {
            return Optional.empty();
        }
        Optional<Integer> known = DIGITS.get(currencyCode);
        if (known != null) {
            return known;
        }
        try {
            int digits = Currency.getInstance(currencyCode.trim().toUpperCase(java.util.Locale.ROOT))
                    .getDefaultFractionDigits();
            return digits < 0 ? Optional.empty() : Optional.of(digits);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Minor units (1050) to a decimal (10.50) with the currency's digits as scale. */
    public static BigDecimal fromMinor(BigDecimal minor, int digits) {
        if (minor.scale() > 0 && minor.stripTrailingZeros().scale() > 0) {
            throw new ValueException(minor.toPlainString() + " is not a whole number of minor units",
                    "Minor units are integers (cents): map the decimal amount with from: decimal.", minor);
        }
        BigDecimal whole = minor.scale() == 0 ? minor : minor.setScale(0, RoundingMode.UNNECESSARY);
        return digits == 0 ? whole : whole.movePointLeft(digits);
    }

    /** A decimal (10.50) to minor units (1050); more decimals than the currency has is an error. */
    public static BigDecimal toMinor(BigDecimal decimal, int digits) {
        BigDecimal shifted = decimal.movePointRight(digits);
        try {
            return shifted.setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValueException(decimal.toPlainString() + " has more decimals than the currency's " + digits,
                    "Round the amount before mapping it, or check the currency.", decimal);
        }
    }

    /** Converts by a rate table ({@code rates.get(from).get(to)}, or the inverse of the reverse rate), half-even. */
    static BigDecimal convert(BigDecimal amount, String from, String to, int toDigits,
            Map<String, Map<String, BigDecimal>> rates) {
        if (from.equals(to)) {
            return amount.setScale(toDigits, RoundingMode.HALF_EVEN);
        }
        BigDecimal rate = rates.getOrDefault(from, Map.of()).get(to);
        if (rate != null) {
            return amount.multiply(rate).setScale(toDigits, RoundingMode.HALF_EVEN);
        }
        BigDecimal reverse = rates.getOrDefault(to, Map.of()).get(from);
        if (reverse != null && reverse.signum() != 0) {
            return amount.divide(reverse, toDigits, RoundingMode.HALF_EVEN);
        }
        throw new ValueException("no rate from " + from + " to " + to,
                "Add rates." + from + "." + to + " to the mapping's rate table.", from);
    }
}
