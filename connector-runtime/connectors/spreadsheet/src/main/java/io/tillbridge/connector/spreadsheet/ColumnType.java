package io.tillbridge.connector.spreadsheet;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one column's cells are read: a {@link CellType}, the order of its slash dates, and whether its
 * decimals are written with a comma. Detected from a sample of the column's cells ({@link #detect}),
 * or set by the {@code columnTypes} setting.
 *
 * <p><b>Detection rule.</b> Empty cells are null and do not vote. A type wins when at least 95% of
 * the non-empty sampled cells fit it (the others become problems on their rows, so one stray
 * "n/a" does not turn a column of amounts into text); among the types that reach that, the one
 * that fits most cells wins, and on a tie the narrower (integer before decimal). Otherwise the
 * column is text. Integers are {@code [+-]digits} without leading zeros ({@code 00123} is a code,
 * kept as text); decimals are {@code [+-]digits.digits}, or with a comma when no cell of the column
 * uses a point and some comma cell has other than three digits after it (so {@code 1,234} alone is
 * not taken for one point two three four); booleans are {@code true} and {@code false} in any case.
 */
record ColumnType(CellType kind, DateCells.Order order, boolean decimalComma) {

    /** What {@link #read} answers for a cell that does not fit the type. */
    static final Object MISMATCH = new Object();

    static final ColumnType TEXT = new ColumnType(CellType.TEXT, DateCells.Order.EITHER, false);

    /** The share of voting cells a type must fit. */
    private static final double QUORUM = 0.95;

    private static final Pattern INTEGER = Pattern.compile("[+-]?(0|[1-9]\\d{0,99})");
    private static final Pattern DECIMAL_POINT = Pattern.compile("[+-]?(0|[1-9]\\d{0,99})\\.\\d{1,100}");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?(0|[1-9]\\d{0,99}),\\d{1,100}");

    static ColumnType of(CellType kind) {
        return new ColumnType(kind, DateCells.Order.EITHER, false);
    }

    /**
     * This type set by the {@code columnTypes} setting over the {@code detected} one: the kind is
     * this one's; the slash-date order this one's when it names one, else the detected one; decimal
     * commas as detected.
     */
    ColumnType over(ColumnType detected) {
        return new ColumnType(kind, order != DateCells.Order.EITHER ? order : detected.order, detected.decimalComma);
    }

    /**
     * The cell's value: a {@link BigDecimal}, {@link Boolean}, ISO date or date-time string, or the
     * text itself; {@link #MISMATCH} when it does not fit. {@code text} is not empty.
     */
    Object read(String text) {
        if (kind == CellType.TEXT) {
            return text;
        }
        String t = text.strip();
        switch (kind) {
            case INTEGER -> {
                return INTEGER.matcher(t).matches() ? new BigDecimal(t) : MISMATCH;
            }
            case DECIMAL -> {
                if (INTEGER.matcher(t).matches() || DECIMAL_POINT.matcher(t).matches()) {
                    return new BigDecimal(t);
                }
                if (decimalComma && DECIMAL_COMMA.matcher(t).matches()) {
                    return new BigDecimal(t.replace(',', '.'));
                }
                return MISMATCH;
            }
            case BOOLEAN -> {
                String lower = t.toLowerCase(Locale.ROOT);
                return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : MISMATCH;
            }
            case DATE -> {
                String date = DateCells.date(t, order);
                return date == null ? MISMATCH : date;
            }
            case DATE_TIME -> {
                String dateTime = DateCells.dateTime(t, order);
                return dateTime == null ? MISMATCH : dateTime;
            }
            default -> {
                return text;
            }
        }
    }

    /** How a column of these cells is read (see the class comment); empty cells are ignored. */
    static ColumnType detect(Iterable<String> cells) {
        int votes = 0;
        int integers = 0;
        int pointDecimals = 0;
        int commaDecimals = 0;
        boolean commaNotThousands = false;
        int booleans = 0;
        int dates = 0;
        int dateTimes = 0;
        int dayFirst = 0;
        int monthFirst = 0;
        boolean ambiguous = false;
        for (String cell : cells) {
            if (cell == null || cell.isBlank()) {
                continue;
            }
            String t = cell.strip();
            votes++;
            if (INTEGER.matcher(t).matches()) {
                integers++;
            } else if (DECIMAL_POINT.matcher(t).matches()) {
                pointDecimals++;
            } else if (DECIMAL_COMMA.matcher(t).matches()) {
                commaDecimals++;
                commaNotThousands |= t.length() - t.indexOf(',') - 1 != 3;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                booleans++;
            }
            DateCells.Probe probe = DateCells.probe(t);
            if (probe != null) {
                if (probe.timed()) {
                    dateTimes++;
                } else {
                    dates++;
                }
                dayFirst += probe.dayFirst() ? 1 : 0;
                monthFirst += probe.monthFirst() ? 1 : 0;
                ambiguous |= probe.ambiguous();
            }
        }
        if (votes == 0) {
            return TEXT;
        }
        boolean commas = commaDecimals > 0 && pointDecimals == 0 && commaNotThousands;
        int decimals = integers + pointDecimals + (commas ? commaDecimals : 0);
        // Slash dates: the order more cells read as wins; a tie with a truly ambiguous cell decides
        // nothing, and a tie without one leaves it open (later ambiguous cells become problems).
        DateCells.Order order = dayFirst > monthFirst ? DateCells.Order.DAY_FIRST
                : monthFirst > dayFirst ? DateCells.Order.MONTH_FIRST : DateCells.Order.EITHER;
        boolean orderKnown = dayFirst != monthFirst || !ambiguous;
        int orderFits = Math.min(Math.max(dayFirst, monthFirst), dates + dateTimes);
        int dateFits = orderKnown ? Math.min(dates, orderFits) : 0;
        int dateTimeFits = orderKnown ? Math.min(dateTimes, orderFits) : 0;

        CellType best = null;
        int bestFits = 0;
        // Narrower first, so that on a tie the narrower stays.
        int[] fits = {booleans, integers, decimals, dateFits, dateTimeFits};
        CellType[] kinds = {CellType.BOOLEAN, CellType.INTEGER, CellType.DECIMAL, CellType.DATE, CellType.DATE_TIME};
        for (int i = 0; i < kinds.length; i++) {
            if (fits[i] >= QUORUM * votes && fits[i] > bestFits) {
                best = kinds[i];
                bestFits = fits[i];
            }
        }
        if (best == null) {
            return new ColumnType(CellType.TEXT, orderKnown ? order : DateCells.Order.EITHER, commas);
        }
        return new ColumnType(best, order, commas);
    }
}
