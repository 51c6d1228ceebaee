package io.tillbridge.connector.warehouse.internal;

import java.util.Arrays;
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

    /**
     * The same rows written straight as UTF-8 bytes into a growing buffer, without building strings
     * first: what is sent to the server.
     */
    static final class Buffer {

        private byte[] bytes = new byte[1 << 16];
        private int length;

        /** One row, as {@link CopyTextFormat#appendRow(StringBuilder, List)} writes it, in UTF-8. */
        void appendRow(List<String> values) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    put((byte) '\t');
                }
                appendValue(values.get(i));
            }
            put((byte) '\n');
        }

        private void appendValue(String value) {
            if (value == null) {
                put((byte) '\\');
                put((byte) 'N');
                return;
            }
            int n = value.length();
            ensure(3 * n);
            byte[] b = bytes;
            int at = length;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> {
                            b[at++] = '\\';
                            b[at++] = '\\';
                        }
                        case '\t' -> {
                            b[at++] = '\\';
                            b[at++] = 't';
                        }
                        case '\n' -> {
                            b[at++] = '\\';
                            b[at++] = 'n';
                        }
                        case '\r' -> {
                            b[at++] = '\\';
                            b[at++] = 'r';
                        }
                        default -> b[at++] = (byte) c;
                    }
                } else {
                    int cp = Character.codePointAt(value, i);
                    if (Character.isSupplementaryCodePoint(cp)) {
                        i++;
                    }
                    at = Utf8.put(b, at, cp);
                }
            }
            length = at;
        }

        int length() {
            return length;
        }

        byte[] bytes() {
            return bytes;
        }

        void clear() {
            length = 0;
        }

        private void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
