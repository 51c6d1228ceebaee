package io.tillbridge.connector.warehouse.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Rows in the binary format of PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}
 * (PostgreSQL documentation, "COPY", "Binary Format"): a header, then per row the field count and
 * each field as its length and the type's binary form ({@code *_recv}), {@code -1} for null, then
 * a trailer. Values come as the text {@link ColumnType#render} made, already checked; each is
 * encoded for the kind of its column. The server applies the column's type modifier to binary
 * input as it does to text ({@code numeric(12,2)} rounds, {@code varchar(3)} checks the length).
 *
 * <p>Only kinds whose binary form is exact are encoded: text, numeric, the integer types, boolean,
 * json and jsonb. A table with a column of another kind (float, timestamptz, uuid, ...) is loaded
 * in the text format, where PostgreSQL parses the values itself ({@link #supports}).
 */
final class CopyBinaryFormat {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;

    private CopyBinaryFormat() {
    }

    /** Whether a column of this type can be sent in the binary format. */
    static boolean supports(ColumnType type) {
        return switch (type.kind()) {
            case TEXT, NUMERIC, SMALLINT, INTEGER, BIGINT, BOOLEAN, JSON -> true;
            case FLOAT, OTHER -> false;
        };
    }

    /**
     * Whether a value of a supported column fits the binary form: a numeric's digit count is a
     * 16-bit field, so the rare number of more than 100,000 characters goes as text.
     */
    static boolean encodable(String value, ColumnType type) {
        return value == null || type.kind() != ColumnType.Kind.NUMERIC || value.length() <= 100_000;
    }

    /** A growing buffer of binary COPY data: the header first, then rows, then the trailer. */
    static final class Buffer {

        private byte[] bytes = new byte[1 << 16];
        private int length;

        void header() {
            ensure(HEADER.length);
            System.arraycopy(HEADER, 0, bytes, length, HEADER.length);
            length += HEADER.length;
        }

        void trailer() {
            putShort(-1);
        }

        /** One row: the values (text as rendered, null for SQL NULL) for columns of the given types. */
        void appendRow(List<String> values, ColumnType[] types) {
            putShort(values.size());
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (value == null) {
                    putInt(-1);
                } else {
                    appendValue(value, types[i]);
                }
            }
        }

        private void appendValue(String value, ColumnType type) {
            switch (type.kind()) {
                case TEXT -> text(value, false);
                case JSON -> text(value, type.sqlType().equals("jsonb"));
                case BOOLEAN -> {
                    putInt(1);
                    put(Boolean.parseBoolean(value) ? (byte) 1 : (byte) 0);
                }
                case SMALLINT -> {
                    putInt(2);
                    putShort(Short.parseShort(value));
                }
                case INTEGER -> {
                    putInt(4);
                    putInt(Integer.parseInt(value));
                }
                case BIGINT -> {
                    long number = Long.parseLong(value);
                    putInt(8);
                    putInt((int) (number >>> 32));
                    putInt((int) number);
                }
                case NUMERIC -> numeric(value);
                default -> throw new IllegalArgumentException("no binary form for " + type.sqlType());
            }
        }

        /** UTF-8 text, its length written in front; jsonb's binary form starts with its version, 1. */
        private void text(String value, boolean jsonbVersion) {
            int n = value.length();
            ensure(4 + 1 + 3 * n);
            int lengthAt = length;
            length += 4;
            int start = length;
            byte[] b = bytes;
            int at = length;
            if (jsonbVersion) {
                b[at++] = 1;
            }
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    b[at++] = (byte) c;
                } else {
                    int cp = Character.codePointAt(value, i);
                    if (Character.isSupplementaryCodePoint(cp)) {
                        i++;
                    }
                    at = Utf8.put(b, at, cp);
                }
            }
            length = at;
            int size = at - start;
            b[lengthAt] = (byte) (size >>> 24);
            b[lengthAt + 1] = (byte) (size >>> 16);
            b[lengthAt + 2] = (byte) (size >>> 8);
            b[lengthAt + 3] = (byte) size;
        }

        /**
         * A plain decimal ({@code -12.340}, as {@code BigDecimal.toPlainString} writes it) as
         * PostgreSQL's numeric: digit count, weight (of the first base-10000 digit), sign, display
         * scale, then the base-10000 digits without leading or trailing zero digits.
         */
        private void numeric(String plain) {
            boolean negative = plain.charAt(0) == '-';
            int start = negative || plain.charAt(0) == '+' ? 1 : 0;
            int point = plain.indexOf('.', start);
            int integerEnd = point < 0 ? plain.length() : point;
            int scale = point < 0 ? 0 : plain.length() - point - 1;
            int integerDigits = integerEnd - start;
            // Groups of four decimal digits, aligned at the decimal point.
            int integerGroups = (integerDigits + 3) / 4;
            int fractionGroups = (scale + 3) / 4;
            int[] groups = new int[integerGroups + fractionGroups];
            int lead = integerGroups * 4 - integerDigits;
            for (int i = 0; i < integerDigits; i++) {
                int position = lead + i;
                groups[position / 4] = groups[position / 4] * 10 + (plain.charAt(start + i) - '0');
            }
            for (int i = 0; i < fractionGroups * 4; i++) {
                int digit = i < scale ? plain.charAt(point + 1 + i) - '0' : 0;
                groups[integerGroups + i / 4] = groups[integerGroups + i / 4] * 10 + digit;
            }
            int first = 0;
            while (first < groups.length && groups[first] == 0) {
                first++;
            }
            int last = groups.length - 1;
            while (last >= first && groups[last] == 0) {
                last--;
            }
            int digits = last - first + 1;
            int weight = digits == 0 ? 0 : integerGroups - 1 - first;
            putInt(8 + 2 * digits);
            putShort(digits);
            putShort(weight);
            putShort(digits == 0 || !negative ? NUMERIC_POSITIVE : NUMERIC_NEGATIVE);
            putShort(scale);
            for (int i = first; i <= last; i++) {
                putShort(groups[i]);
            }
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

        private void putShort(int v) {
            ensure(2);
            bytes[length++] = (byte) (v >>> 8);
            bytes[length++] = (byte) v;
        }

        private void putInt(int v) {
            ensure(4);
            bytes[length++] = (byte) (v >>> 24);
            bytes[length++] = (byte) (v >>> 16);
            bytes[length++] = (byte) (v >>> 8);
            bytes[length++] = (byte) v;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
