package io.tillbridge.connector.warehouse.internal;

/** UTF-8 encoding of one non-ASCII code point straight into a buffer, shared by the COPY encoders. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Writes {@code codePoint} (not ASCII) at {@code at} in 2 to 4 bytes and answers the next free
     * index; a lone surrogate, which has no UTF-8 form, is written as {@code ?}, as
     * {@code String.getBytes} does (the loader refuses such values before they get here).
     */
    static int put(byte[] b, int at, int codePoint) {
        if (codePoint < 0x800) {
            b[at++] = (byte) (0xc0 | (codePoint >> 6));
            b[at++] = (byte) (0x80 | (codePoint & 0x3f));
        } else if (Character.isSupplementaryCodePoint(codePoint)) {
            b[at++] = (byte) (0xf0 | (codePoint >> 18));
            b[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
            b[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (codePoint & 0x3f));
        } else if (Character.isSurrogate((char) codePoint)) {
            b[at++] = '?';
        } else {
            b[at++] = (byte) (0xe0 | (codePoint >> 12));
            b[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (codePoint & 0x3f));
        }
        return at;
    }
}
