package io.tillbridge.connector.spreadsheet;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and date-times written the ways spreadsheets write them, read into ISO-8601 strings:
 * {@code 2026-12-06} and {@code 2026/12/06} (year first), {@code 06.12.2026} (day first, as in
 * German and other European locales), and {@code 12/06/2026}, which is day first in some locales and
 * month first in others: a column decides its {@link Order} from values that only one order reads
 * (13/06/2026 is day first), and a column where every such value could be either stays text. A
 * time may follow ({@code 2026-12-06T14:30:00Z}, {@code 06.12.2026 14:30}), with an offset or Z.
 */
final class DateCells {

    /**
     * How a column writes slash dates: day first, month first, or not known, when a slash date reads
     * only where both orders give the same date or only one order gives a date at all.
     */
    enum Order { DAY_FIRST, MONTH_FIRST, EITHER }

    private static final Pattern FORM = Pattern.compile(
            "(?:(?<iy>\\d{4})-(?<im>\\d{1,2})-(?<id>\\d{1,2})"
                    + "|(?<yy>\\d{4})/(?<ym>\\d{1,2})/(?<yd>\\d{1,2})"
                    + "|(?<dd>\\d{1,2})\\.(?<dm>\\d{1,2})\\.(?<dy>\\d{4})"
                    + "|(?<a>\\d{1,2})/(?<b>\\d{1,2})/(?<sy>\\d{4}))"
                    + "(?:[T ](?<h>\\d{1,2}):(?<mi>\\d{2})(?::(?<s>\\d{2})(?:[.,](?<f>\\d{1,9}))?)?"
                    + " ?(?<z>Z|[+-]\\d{2}:?\\d{2})?)?");

    private DateCells() {
    }

    /**
     * The shape of {@code text} (stripped), or null when it is no date in any order. A slash date
     * counts as ambiguous only when both orders read it as different valid dates.
     */
    static Probe probe(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        boolean timed = m.group("h") != null;
        if (timed && !validTime(m)) {
            return null;
        }
        if (m.group("a") != null) {
            int a = Integer.parseInt(m.group("a"));
            int b = Integer.parseInt(m.group("b"));
            int y = Integer.parseInt(m.group("sy"));
            boolean dayFirst = valid(y, b, a);
            boolean monthFirst = valid(y, a, b);
            if (!dayFirst && !monthFirst) {
                return null;
            }
            return new Probe(true, dayFirst, monthFirst, dayFirst && monthFirst && a != b, timed);
        }
        return toDate(m, Order.DAY_FIRST) == null ? null : new Probe(false, true, true, false, timed);
    }

    /**
     * What {@link #probe} found.
     *
     * @param slash an {@code a/b/yyyy} date
     * @param dayFirst valid read day first (always true for other forms)
     * @param monthFirst valid read month first (always true for other forms)
     * @param ambiguous both orders read it, as different dates
     * @param timed a time follows
     */
    record Probe(boolean slash, boolean dayFirst, boolean monthFirst, boolean ambiguous, boolean timed) {
    }

    /** {@code text} (stripped) as an ISO date ({@code 2026-12-06}), or null when it is not a date in this order. */
    static String date(String text, Order order) {
        Matcher m = FORM.matcher(text);
        if (!m.matches() || m.group("h") != null) {
            return null;
        }
        LocalDate date = toDate(m, order);
        return date == null ? null : date.toString();
    }

    /**
     * {@code text} (stripped) as an ISO date-time: {@code 2026-12-06T14:30:00} without an offset,
     * {@code 2026-12-06T14:30:00Z} or {@code 2026-12-06T14:30:00+01:00} with one; null when it is
     * not a date-time in this order.
     */
    static String dateTime(String text, Order order) {
        Matcher m = FORM.matcher(text);
        if (!m.matches() || m.group("h") == null || !validTime(m)) {
            return null;
        }
        LocalDate date = toDate(m, order);
        if (date == null) {
            return null;
        }
        LocalDateTime local = LocalDateTime.of(date, time(m));
        String zone = m.group("z");
        if (zone == null) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
        }
        ZoneOffset offset = zone.equals("Z") ? ZoneOffset.UTC
                : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.of(local, offset));
    }

    private static LocalDate toDate(Matcher m, Order order) {
        int y;
        int mo;
        int d;
        if (m.group("iy") != null) {
            y = Integer.parseInt(m.group("iy"));
            mo = Integer.parseInt(m.group("im"));
            d = Integer.parseInt(m.group("id"));
        } else if (m.group("yy") != null) {
            y = Integer.parseInt(m.group("yy"));
            mo = Integer.parseInt(m.group("ym"));
            d = Integer.parseInt(m.group("yd"));
        } else if (m.group("dd") != null) {
            y = Integer.parseInt(m.group("dy"));
            mo = Integer.parseInt(m.group("dm"));
            d = Integer.parseInt(m.group("dd"));
        } else {
            int a = Integer.parseInt(m.group("a"));
            int b = Integer.parseInt(m.group("b"));
            y = Integer.parseInt(m.group("sy"));
            Order read = order;
            if (order == Order.EITHER) {
                boolean dayFirst = valid(y, b, a);
                boolean monthFirst = valid(y, a, b);
                if (dayFirst && monthFirst && a != b) {
                    return null;
                }
                read = dayFirst ? Order.DAY_FIRST : Order.MONTH_FIRST;
            }
            mo = read == Order.DAY_FIRST ? b : a;
            d = read == Order.DAY_FIRST ? a : b;
        }
        if (!valid(y, mo, d)) {
            return null;
        }
        return LocalDate.of(y, mo, d);
    }

    private static boolean valid(int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean validTime(Matcher m) {
        int h = Integer.parseInt(m.group("h"));
        int mi = Integer.parseInt(m.group("mi"));
        int s = m.group("s") == null ? 0 : Integer.parseInt(m.group("s"));
        if (h > 23 || mi > 59 || s > 59) {
            return false;
        }
        String zone = m.group("z");
        if (zone != null && !zone.equals("Z")) {
            String digits = zone.replace(":", "");
            int hours = Integer.parseInt(digits.substring(1, 3));
            int minutes = Integer.parseInt(digits.substring(3));
            return hours <= 18 && minutes <= 59;
        }
        return true;
    }

    private static LocalTime time(Matcher m) {
        int nanos = 0;
        if (m.group("f") != null) {
            String f = (m.group("f") + "000000000").substring(0, 9);
            nanos = Integer.parseInt(f);
        }
        return LocalTime.of(Integer.parseInt(m.group("h")), Integer.parseInt(m.group("mi")),
                m.group("s") == null ? 0 : Integer.parseInt(m.group("s")), nanos);
    }
}
