package io.tillbridge.connector.spreadsheet;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Writes an XLSX number cell as data, not as Excel would display it: a date or date-time format gives
 * the ISO-8601 text ({@code 2026-12-06}, {@code 2026-12-06T14:30:00}, a time alone {@code 14:30:00}),
 * any other a plain decimal ({@code 1234.5}, never {@code 1,234.50} or {@code 1.2E+3}). A number is
 * rounded to 15 significant digits, the precision Excel itself shows (so 0.1+0.2 reads 0.3), and
 * keeps the decimals its format shows ({@code 0.00} makes 12.5 read 12.50). The sheet handler calls
 * this for every number cell with a format.
 */
final class RawCellFormat extends DataFormatter {

    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    RawCellFormat() {
        super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return formatRawCellContents(value, formatIndex, formatString, false);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            return dateText(value, formatString, use1904);
        }
        return number(value, formatString);
    }

    /** The plain decimal text of a number cell without a format, too ({@code 1.0E-5} in the XML). */
    static String number(double value, String formatString) {
        BigDecimal exact = new BigDecimal(Double.toString(value)).round(EXCEL_PRECISION).stripTrailingZeros();
        if (exact.scale() < 0) {
            exact = exact.setScale(0);
        }
        int shown = decimalsShown(formatString);
        if (shown > exact.scale()) {
            exact = exact.setScale(shown);
        }
        return exact.toPlainString();
    }

    private static String dateText(double value, String formatString, boolean use1904) {
        String tokens = tokens(formatString);
        boolean hasTime = tokens.indexOf('h') >= 0 || tokens.indexOf('s') >= 0 || tokens.contains("am/pm");
        boolean hasDate = tokens.indexOf('y') >= 0 || tokens.indexOf('d') >= 0
                || tokens.indexOf('m') >= 0 && !hasTime;
        LocalDateTime at = DateUtil.getLocalDateTime(value, use1904, true);
        if (hasTime && !hasDate && value < 1) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(at.toLocalTime());
        }
        if (hasTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(at);
        }
        return at.toLocalDate().toString();
    }

    /** The format's tokens in lower case, without quoted text, bracketed sections and escapes. */
    private static String tokens(String formatString) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < formatString.length(); i++) {
            char c = formatString.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                bracket = true;
            } else if (bracket && c == ']') {
                bracket = false;
            } else if (!quoted && !bracket && c == '\\') {
                i++;
            } else if (!quoted && !bracket) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** How many decimals a number format shows: the zeros after its point ({@code #,##0.00} shows 2). */
    private static int decimalsShown(String formatString) {
        if (formatString == null) {
            return 0;
        }
        String tokens = tokens(formatString.split(";", -1)[0]);
        int point = tokens.indexOf('.');
        if (point < 0) {
            return 0;
        }
        int n = 0;
        for (int i = point + 1; i < tokens.length() && (tokens.charAt(i) == '0' || tokens.charAt(i) == '#'); i++) {
            n += tokens.charAt(i) == '0' ? 1 : 0;
        }
        return n;
    }
}
