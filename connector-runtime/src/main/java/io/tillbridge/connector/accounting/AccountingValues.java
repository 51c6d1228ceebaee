package io.tillbridge.connector.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the fields of a record to post, with a message a merchant can act on when one is wrong. */
final class AccountingValues {

    /** At most this many lines in one document (QuickBooks and Xero both refuse far fewer in practice). */
    static final int MAX_LINES = 500;

    private AccountingValues() {
    }

    static String text(Map<String, Object> data, String field, boolean required, int maxLength) {
        Object value = data.get(field);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw new InvalidDocumentException("'" + field + "' is missing");
            }
            return "";
        }
        if (value instanceof Map || value instanceof List) {
            throw new InvalidDocumentException("'" + field + "' must be text");
        }
        String text = value.toString().trim();
        if (text.length() > maxLength) {
            throw new InvalidDocumentException("'" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
    }

    static LocalDate date(Map<String, Object> data, String field) {
        String text = text(data, field, true, 40);
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new InvalidDocumentException("'" + field + "' is not a date (yyyy-MM-dd): " + text);
        }
    }

    static Currency currency(Map<String, Object> data) {
        String code = text(data, "currency", true, 3).toUpperCase(Locale.ROOT);
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException("'currency' is not an ISO 4217 code: " + code);
        }
    }

    /** An amount with at most the currency's digits; null and blank are zero. */
    static BigDecimal amount(Map<String, Object> data, String field, Currency currency, String where) {
        Object value = data.get(field);
        if (value == null || value.toString().isBlank()) {
            return BigDecimal.ZERO.setScale(Math.max(currency.getDefaultFractionDigits(), 0));
        }
        BigDecimal amount;
        try {
            amount = value instanceof BigDecimal b ? b : new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidDocumentException(where + "'" + field + "' is not a number: " + value);
        }
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw new InvalidDocumentException(where + "'" + field + "' " + amount.toPlainString() + " has more digits than "
                    + currency.getCurrencyCode() + " allows (" + digits + ")");
        }
        if (amount.abs().compareTo(new BigDecimal("1E13")) >= 0) {
            throw new InvalidDocumentException(where + "'" + field + "' " + amount.toPlainString() + " is out of range");
        }
        return amount.setScale(digits);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> lines(Map<String, Object> data) {
        Object value = data.get("lines");
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidDocumentException("'lines' is missing or empty");
        }
        if (list.size() > MAX_LINES) {
            throw new InvalidDocumentException("'lines' has " + list.size() + " lines; at most " + MAX_LINES);
        }
        for (Object line : list) {
            if (!(line instanceof Map)) {
                throw new InvalidDocumentException("every item of 'lines' must be an object");
            }
        }
        return (List<Map<String, Object>>) list;
    }
}
