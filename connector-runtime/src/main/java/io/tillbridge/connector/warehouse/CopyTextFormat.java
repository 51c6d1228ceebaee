package io.tillbridge.connector.warehouse;

import java.util.List;

/**
 * Rows in the text format of PostgreSQL's {@code COPY ... FROM STDIN}: columns separated by a tab,
 * rows ended by a newline, {@code \N} for null, and backslash escapes for the backslash, tab,
 * newline and carriage return inside values (PostgreSQL documentation, "COPY", "Text Format").
 * An empty string stays an empty field, which COPY reads as the empty string, not as null. Every
 * other character, including any Unicode, is sent as it is; the connection's client encoding is
 * UTF-8.
 */
final class CopyTextFormat {

    static final String NULL = "\\N";

    private CopyTextFormat() {
    }

    /** One row: the values in column order, null for SQL NULL, ended by a newline. */
    static void appendRow(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            appendValue(out, values.get(i));
        }
        out.append('\n');
    }

    static void appendValue(StringBuilder out, String value) {
        if (value == null) {
            out.append(NULL);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
